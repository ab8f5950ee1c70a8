#include "sim/cli/replay_run.h"

#include "sim/cli/input_files.h"
#include "sim/engine/replay_strategy.h"
#include "sim/lifecycle/case_determinism.h"
#include "sim/oracle/invariants.h"

namespace aion::cli {
namespace {

// The run in a child process first, so that a case whose code under test crashes or hangs
// ends only the child, and is reported as such; a run that did not die is run again here,
// where its trace and record can be kept. A died run has no timeline: re-running its prefix
// here would not stop at the scheduling point before the death, since teardown lets fibers
// stopped at a lock run on.
lifecycle::CaseResult run_guarded(lifecycle::CaseRunner& runner, const lifecycle::LifecycleCase& c,
                                  const sim::Schedule& schedule,
                                  const lifecycle::CaseOptions& options) {
  const auto run = [&](const lifecycle::CaseOptions& with) {
    if (schedule.empty()) return runner.run(c, with);
    sim::ReplayStrategy strict(schedule, sim::ReplayMode::kStrict);
    return runner.run_with(c, strict, with);
  };
  lifecycle::CaseOptions isolated = options;
  isolated.isolate = true;
  isolated.record_trace = false;
  lifecycle::CaseResult in_child = run(isolated);
  return in_child.died() ? in_child : run(options);
}

}  // namespace

Replay replay_recording(const std::string& path) {
  Replay replay;
  replay.source = path;
  replay.file = load_failure_file(path);
  replay.lifecycle_case = replay.file->lifecycle_case;
  lifecycle::CaseOptions options;
  options.record_trace = true;
  options.runtime.defects = replay.file->defects;
  lifecycle::CaseRunner runner;
  replay.result = run_guarded(runner, replay.lifecycle_case, replay.file->schedule, options);
  if (replay.file->schedule.empty()) {
    replay.how = "the recorded case (the file has no schedule), strategy " +
                 replay.lifecycle_case.strategy.describe();
    return replay;
  }
  replay.how = "strict replay of the recorded schedule (" +
               std::to_string(replay.file->schedule.size()) + " choices)";
  // A finding of nondeterminism shows only in a second run of the case.
  if (replay.file->expect_invariant == oracle::invariant_name(oracle::Invariant::kDeterministic) &&
      !replay.result.failed()) {
    replay.how += ", then the case twice more";
    const std::string parted = lifecycle::nondeterminism(
        runner, replay.lifecycle_case, options, runner.run(replay.lifecycle_case, options));
    if (!parted.empty()) {
      replay.result.violations.push_back({oracle::Invariant::kDeterministic, parted, {}});
    }
  }
  return replay;
}

Replay replay_scenario(const std::string& scenario_path, std::uint64_t seed,
                       const lifecycle::StrategySpec& strategy) {
  Replay replay;
  replay.source = scenario_path;
  replay.lifecycle_case.scenario = load_scenario(scenario_path);
  replay.lifecycle_case.seed = seed;
  replay.lifecycle_case.strategy = strategy;
  replay.how = "strategy " + replay.lifecycle_case.strategy.describe();
  lifecycle::CaseOptions options;
  options.record_trace = true;
  lifecycle::CaseRunner runner;
  replay.result = run_guarded(runner, replay.lifecycle_case, {}, options);
  return replay;
}

}  // namespace aion::cli
