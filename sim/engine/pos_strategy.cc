#include "sim/engine/pos_strategy.h"

#include "sim/engine/conflict.h"

namespace aion::sim {

void PosStrategy::begin_run(std::uint64_t seed) {
  rng_.reseed(derive_seed(stream_.value_or(seed), "pos"));
  fibers_.clear();
}

std::size_t PosStrategy::choose(const Decision& decision) {
  if (fibers_.size() <= decision.enabled.back()) fibers_.resize(decision.enabled.back() + 1);
  std::size_t best = 0;
  std::uint64_t best_priority = 0;
  for (std::size_t position = 0; position < decision.enabled.size(); ++position) {
    Entry& entry = fibers_[decision.enabled[position]];
    const PendingOp& op = decision.pending(position);
    // A fiber that moved on (or has not been seen) is at a new operation.
    if (!entry.known || entry.op.op != op.op || entry.op.object != op.object) {
      entry = {true, op, rng_.next()};
    }
    if (position == 0 || entry.priority > best_priority) {
      best = position;
      best_priority = entry.priority;
    }
  }
  const std::uint32_t chosen = decision.enabled[best];
  const PendingOp done = fibers_[chosen].op;
  for (const std::uint32_t fiber : decision.enabled) {
    Entry& entry = fibers_[fiber];
    if (fiber != chosen && conflicting(done, entry.op)) entry.priority = rng_.next();
  }
  fibers_[chosen].known = false;  // its next operation is a new event
  return best;
}

std::string PosStrategy::describe() const {
  return stream_ ? "pos:" + std::to_string(*stream_) : "pos";
}

const StrategyKind& pos_strategy_kind() {
  static const StrategyKind kind = [] {
    StrategyKind k;
    k.name = "pos";
    k.summary =
        "partial-order sampling: random priorities per pending operation, redrawn for those "
        "that race with the one that ran";
    k.parameters = {{"S", "its stream's seed, instead of the run's", 0, UINT64_MAX, true}};
    k.zoo_forms = {"pos"};
    k.build = [](const StrategySpec& spec, const StrategyInputs&) -> std::unique_ptr<Strategy> {
      return std::make_unique<PosStrategy>(spec.has(0) ? std::optional(spec.value(0))
                                                       : std::nullopt);
    };
    return k;
  }();
  return kind;
}

}  // namespace aion::sim
