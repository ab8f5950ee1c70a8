// Runs a Scenario against a fresh runtime on whatever Platform it is given
// (the simulator, normally): the prefix on the calling thread, each branch on
// a thread of its own, then a quiet period, then shutdown. It records every
// operation's result, every callback and every lifecycle transition into a
// RunRecord; it judges nothing (that is the oracle's job).
#pragma once

#include "platform/platform.h"
#include "runtime/runtime_config.h"
#include "sim/scenario/run_record.h"
#include "sim/scenario/scenario.h"

namespace aion::scenario {

struct RunnerOptions {
  // Everything but what the scenario's config sets (schedulers, tombstones).
  runtime::RuntimeConfig runtime;
  // How long the run idles after the branches before it checks quiescence:
  // in simulation it passes only when every thread is blocked or asleep.
  platform::Nanos quiet_period = platform::kSecond;
};

RunRecord run_scenario(platform::Platform& platform, const Scenario& scenario,
                       const RunnerOptions& options = {});

}  // namespace aion::scenario
