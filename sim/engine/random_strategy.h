// Random walk: at each decision every enabled fiber is equally likely to run next.
//
// Guarantees: deterministic per seed (stream "random_walk" of the run seed); different seeds
// give independent walks. Every schedule has a non-zero probability, but schedules that need
// many preemptions at precise points are rare; PctStrategy targets those.
#pragma once

#include <string>

#include "sim/engine/rng.h"
#include "sim/engine/strategy.h"
#include "sim/engine/strategy_kind.h"

namespace aion::sim {

class RandomStrategy final : public Strategy {
 public:
  void begin_run(std::uint64_t seed) override { rng_.reseed(derive_seed(seed, "random_walk")); }
  std::size_t choose(const Decision& decision) override {
    return static_cast<std::size_t>(rng_.below(decision.enabled.size()));
  }
  std::string describe() const override { return "random"; }

 private:
  Rng rng_;
};

// `random`.
const StrategyKind& random_strategy_kind();

}  // namespace aion::sim
