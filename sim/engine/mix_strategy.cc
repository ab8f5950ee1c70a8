#include "sim/engine/mix_strategy.h"

#include "sim/engine/pct_strategy.h"
#include "sim/engine/pos_strategy.h"
#include "sim/engine/random_strategy.h"
#include "sim/engine/rng.h"

namespace aion::sim {

MixStrategy::MixStrategy(std::uint64_t pct_decisions) {
  // Two shares each for random and pos, the best on most of the zoo's defects; one each for
  // the PCT depths, which the classic suite's deep preemptions need.
  for (int share = 0; share < 2; ++share) {
    members_.push_back(std::make_unique<RandomStrategy>());
    members_.push_back(std::make_unique<PosStrategy>());
  }
  for (std::uint32_t depth = 1; depth <= 3; ++depth) {
    members_.push_back(std::make_unique<PctStrategy>(depth, pct_decisions));
  }
  current_ = members_.front().get();
}

void MixStrategy::begin_run(std::uint64_t seed) {
  Rng pick(derive_seed(seed, "strategy:mix"));
  current_ = members_[pick.below(members_.size())].get();
  current_->begin_run(seed);
}

const StrategyKind& mix_strategy_kind() {
  static const StrategyKind kind = [] {
    StrategyKind k;
    k.name = "mix";
    k.summary =
        "each run one of random and pos (two shares each), pct:1, pct:2 and pct:3 (one each), "
        "picked by its seed (K: PCT's decisions, or learned); the default";
    k.parameters = {{"K", "decisions", 1, 100'000'000, true}};
    k.zoo_forms = {"mix"};
    k.build = [](const StrategySpec& spec, const StrategyInputs&) -> std::unique_ptr<Strategy> {
      return std::make_unique<MixStrategy>(spec.has(0) ? spec.value(0) : 0);
    };
    k.calibrate = with_k_of_longest_run;
    return k;
  }();
  return kind;
}

}  // namespace aion::sim
