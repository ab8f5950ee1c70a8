// Runs a lifecycle scenario under a strategy the caller owns, one that a
// StrategySpec cannot name (a strict replay of a recorded schedule, the
// exhaustive explorer's walk), and judges it exactly as CaseRunner does: the
// same scenario runner, fault plan from the scenario's rates, oracle (or
// options.judge) and coverage marks. The simulator is the caller's, so one
// serves a whole campaign on one thread.
#pragma once

#include <cstdint>

#include "sim/engine/simulator.h"
#include "sim/engine/strategy.h"
#include "sim/lifecycle/case_runner.h"
#include "sim/scenario/scenario.h"

namespace aion::lifecycle {

CaseResult run_with_strategy(sim::Simulator& simulator, const scenario::Scenario& scenario,
                             std::uint64_t seed, sim::Strategy& strategy,
                             const CaseOptions& options = {});

}  // namespace aion::lifecycle
