#include "sim/cli/replay_run.h"

#include "sim/cli/input_files.h"
#include "sim/engine/replay_strategy.h"
#include "sim/lifecycle/case_determinism.h"
#include "sim/oracle/invariants.h"

namespace aion::cli {
namespace {

// The run in a child process first, so that a case whose code under test crashes or hangs
// ends only the child, and is reported as such; a run that did not die is run again here,
// where its trace and record can be kept. A run that died is run again in another child up to
// its last scheduling point before the death, where the step budget stops it and its fibers
// are dropped where they stand (so no more of the code under test runs), for the timeline
// that led there: the run is deterministic, so that prefix is the died run's.
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
  if (!in_child.died()) return run(options);
  if (in_child.run.steps > 1 && options.record_trace) {
    lifecycle::CaseOptions prefix = isolated;
    prefix.record_trace = true;
    prefix.max_steps = in_child.run.steps - 1;
    prefix.abandon_at_end = true;
    lifecycle::CaseResult before = run(prefix);
    if (!before.died()) {
      in_child.run.trace = std::move(before.run.trace);
      in_child.record = std::move(before.record);
    }
  }
  return in_child;
}

}  // namespace

Replay replay_recording(const std::string& path, std::chrono::milliseconds watchdog) {
  Replay replay;
  replay.source = path;
  replay.file = load_failure_file(path);
  replay.lifecycle_case = replay.file->lifecycle_case;
  lifecycle::CaseOptions options;
  options.record_trace = true;
  options.watchdog = watchdog;
  options.runtime.defects = replay.file->defects;
  lifecycle::CaseRunner runner;
  replay.result = run_guarded(runner, replay.lifecycle_case, replay.file->schedule, options);
  if (replay.file->schedule.empty()) {
    replay.how =
        "the recorded case (the file has no schedule), strategy " + replay.result.run.strategy;
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
                       const sim::StrategySpec& strategy, std::chrono::milliseconds watchdog) {
  Replay replay;
  replay.source = scenario_path;
  replay.lifecycle_case.scenario = load_scenario(scenario_path);
  replay.lifecycle_case.seed = seed;
  replay.lifecycle_case.strategy = strategy;
  lifecycle::CaseOptions options;
  options.record_trace = true;
  options.watchdog = watchdog;
  lifecycle::CaseRunner runner;
  replay.result = run_guarded(runner, replay.lifecycle_case, {}, options);
  // As the run printed it: with every parameter it used.
  replay.how = "strategy " + replay.result.run.strategy;
  return replay;
}

}  // namespace aion::cli
