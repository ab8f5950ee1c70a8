// Shrinks the schedule of a failing run of any program to fewer preemptions, keeping its
// failure. The run is read as a plan of switches keyed by each fiber's own progress ("at its
// k-th decision, fiber F gave way to G"), so that dropping one preemption leaves the others
// where they were in their fibers' code even though the interleaving around them moves. Each
// preemption in turn is dropped (F goes on), with the switch that came back to F (F never
// left), the program run again under the plan with its
// seed, and the change kept when the run fails with the same outcome and message; the plan is
// then the new run's. Greedy, at most `max_runs` runs. What is left are preemptions the
// failure needs. No faults: a fault plan's choices come from the seed, as in the failing run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

#include "sim/engine/run_result.h"
#include "sim/engine/strategy.h"

namespace aion::sim {

struct ScheduleShrink {
  RunResult run;  // the smallest failing run found (the failing one when none was smaller)
  std::size_t runs = 0;
  std::size_t preemptions_before = 0;
  std::size_t preemptions_after = 0;
};

// `run_with(strategy, seed)` runs the program once. `failing` must have failed.
ScheduleShrink shrink_schedule(const std::function<RunResult(Strategy&, std::uint64_t)>& run_with,
                               const RunResult& failing, std::size_t max_runs);

}  // namespace aion::sim
