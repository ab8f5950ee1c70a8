#include "sim/classic/classic_hunt.h"

#include <memory>

#include "sim/engine/hash.h"
#include "sim/engine/simulator.h"
#include "sim/engine/strategy_registry.h"

namespace aion::classic {

Hunt hunt(const Program& program, const sim::StrategySpec& strategy, std::uint64_t campaign,
          std::uint64_t limit) {
  sim::Simulator simulator;
  const std::unique_ptr<sim::Strategy> scheduler =
      sim::build_strategy(strategy, {.seed = campaign});
  std::set<std::uint64_t> classes;
  Hunt hunt;
  while (hunt.runs < limit && (!strategy.systematic() || scheduler->wants_run(hunt.runs))) {
    const std::uint64_t seed =
        strategy.systematic() ? campaign : sim::mix64(campaign * 1'000'003 + hunt.runs);
    const sim::RunResult run =
        simulator.run(program, sim::RunOptions().with_seed(seed).with_strategy(scheduler.get()));
    ++hunt.runs;
    classes.insert(run.class_hash);
    if (!run.passed()) {
      hunt.found = true;
      break;
    }
  }
  hunt.covered = !hunt.found && scheduler->covered();
  hunt.classes = classes.size();
  return hunt;
}

}  // namespace aion::classic
