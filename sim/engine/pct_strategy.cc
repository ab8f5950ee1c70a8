#include "sim/engine/pct_strategy.h"

#include <algorithm>

namespace aion::sim {

PctStrategy::PctStrategy(std::uint32_t depth, std::uint64_t estimated_steps)
    : depth_(std::max<std::uint32_t>(depth, 1)),
      fixed_k_(estimated_steps),
      k_(estimated_steps != 0 ? estimated_steps : kInitialEstimate) {
  change_points_.reserve(depth_);
  by_priority_.reserve(64);
  known_.reserve(64);
  runnable_.reserve(64);
}

void PctStrategy::begin_run(std::uint64_t seed) {
  rng_.reseed(derive_seed(seed, "pct"));
  // The longest run seen, as SCTBench estimates k; a guess only before the first.
  k_ = fixed_k_ != 0 ? fixed_k_ : largest_seen_ != 0 ? largest_seen_ : kInitialEstimate;
  decisions_ = 0;
  change_points_.clear();
  for (std::uint32_t i = 1; i < depth_; ++i) change_points_.push_back(1 + rng_.below(k_));
  std::sort(change_points_.begin(), change_points_.end());
  next_change_ = 0;
  by_priority_.clear();
  undemoted_ = 0;
  known_.clear();
  runnable_.clear();
}

void PctStrategy::admit_new_fibers(const Decision& decision) {
  const std::uint32_t highest_index = decision.enabled.back();
  if (known_.size() <= highest_index) {
    known_.resize(highest_index + 1, 0);
    runnable_.resize(highest_index + 1, 0);
  }
  for (const std::uint32_t fiber : decision.enabled) {
    if (known_[fiber]) continue;
    known_[fiber] = 1;
    const std::size_t rank = static_cast<std::size_t>(rng_.below(undemoted_ + 1));
    by_priority_.insert(by_priority_.begin() + static_cast<std::ptrdiff_t>(rank), fiber);
    ++undemoted_;
  }
}

std::uint32_t PctStrategy::highest_runnable() const {
  for (const std::uint32_t fiber : by_priority_) {
    if (runnable_[fiber]) return fiber;
  }
  return by_priority_.front();  // unreachable: every runnable fiber has a priority
}

void PctStrategy::demote(std::uint32_t fiber) {
  const auto at = std::find(by_priority_.begin(), by_priority_.end(), fiber);
  if (static_cast<std::size_t>(at - by_priority_.begin()) < undemoted_) --undemoted_;
  by_priority_.erase(at);
  by_priority_.push_back(fiber);
}

std::size_t PctStrategy::choose(const Decision& decision) {
  ++decisions_;
  admit_new_fibers(decision);
  for (const std::uint32_t fiber : decision.enabled) runnable_[fiber] = 1;
  std::uint32_t chosen = highest_runnable();
  while (next_change_ < change_points_.size() && change_points_[next_change_] == decisions_) {
    ++next_change_;
    demote(chosen);
    chosen = highest_runnable();
  }
  for (const std::uint32_t fiber : decision.enabled) runnable_[fiber] = 0;
  return decision.enabled.position_of(chosen);
}

void PctStrategy::end_run(std::uint64_t decisions) {
  largest_seen_ = std::max(largest_seen_, decisions);
}

std::string PctStrategy::describe() const {
  return "pct:" + std::to_string(depth_) + ":" + std::to_string(k_);
}

StrategySpec with_k_of_longest_run(const StrategySpec& spec,
                                   std::span<const std::uint64_t> decisions) {
  std::uint64_t longest = 1;
  for (const std::uint64_t count : decisions) longest = std::max(longest, count);
  StrategySpec complete = spec;
  complete.values.push_back(std::min<std::uint64_t>(longest, 100'000'000));
  return complete;
}

const StrategyKind& pct_strategy_kind() {
  static const StrategyKind kind = [] {
    StrategyKind k;
    k.name = "pct";
    k.summary =
        "PCT of depth D (bugs needing D-1 ordering points) over K decisions, or K learned from "
        "the program's runs";
    k.parameters = {{"D", "depth", 1, 10, false}, {"K", "decisions", 1, 100'000'000, true}};
    k.zoo_forms = {"pct:1", "pct:2", "pct:3"};
    k.build = [](const StrategySpec& spec, const StrategyInputs&) -> std::unique_ptr<Strategy> {
      return std::make_unique<PctStrategy>(static_cast<std::uint32_t>(spec.value(0)),
                                           spec.has(1) ? spec.value(1) : 0);
    };
    k.calibrate = with_k_of_longest_run;
    return k;
  }();
  return kind;
}

}  // namespace aion::sim
