#include "sim/engine/random_strategy.h"

namespace aion::sim {

const StrategyKind& random_strategy_kind() {
  static const StrategyKind kind = [] {
    StrategyKind k;
    k.name = "random";
    k.summary = "random walk: every enabled fiber equally likely at each decision";
    k.zoo_forms = {"random"};
    k.build = [](const StrategySpec&, const StrategyInputs&) -> std::unique_ptr<Strategy> {
      return std::make_unique<RandomStrategy>();
    };
    return k;
  }();
  return kind;
}

}  // namespace aion::sim
