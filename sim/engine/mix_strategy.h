// mix: each run scheduled by one of the sampling strategies that the zoo and the classic-bug
// suite show best somewhere (random on the defects decided by many small orders, pct:1 on a
// single ordering point, pct:2 and pct:3 on a preemption deep in a run, pos on races decided
// late), picked by the run's seed: random and pos two shares each, each PCT depth one. A campaign
// over many programs so never bets on one. A run is told (describe()) as the strategy it used, with
// that strategy's parameters, so its failure file replays it from the seed with no mix in between.
// K is PCT's, learnt as pct's.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/engine/strategy.h"
#include "sim/engine/strategy_kind.h"

namespace aion::sim {

class MixStrategy final : public Strategy {
 public:
  explicit MixStrategy(std::uint64_t pct_decisions = 0);

  void begin_run(std::uint64_t seed) override;
  std::size_t choose(const Decision& decision) override { return current_->choose(decision); }
  void end_run(std::uint64_t decisions) override { current_->end_run(decisions); }
  std::string describe() const override { return current_->describe(); }

 private:
  std::vector<std::unique_ptr<Strategy>> members_;
  Strategy* current_ = nullptr;
};

// `mix` and `mix:K`.
const StrategyKind& mix_strategy_kind();

}  // namespace aion::sim
