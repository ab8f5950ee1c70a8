#include "sim/cli/replay_run.h"

#include "sim/cli/input_files.h"
#include "sim/engine/replay_strategy.h"
#include "sim/lifecycle/case_determinism.h"
#include "sim/oracle/invariants.h"

namespace aion::cli {

Replay replay_recording(const std::string& path) {
  Replay replay;
  replay.source = path;
  replay.file = load_failure_file(path);
  replay.lifecycle_case = replay.file->lifecycle_case;
  lifecycle::CaseOptions options;
  options.record_trace = true;
  options.runtime.defects = replay.file->defects;
  if (replay.file->schedule.empty()) {
    replay.how = "the recorded case (the file has no schedule), strategy " +
                 replay.lifecycle_case.strategy.describe();
    replay.result = lifecycle::CaseRunner().run(replay.lifecycle_case, options);
    return replay;
  }
  replay.how = "strict replay of the recorded schedule (" +
               std::to_string(replay.file->schedule.size()) + " choices)";
  lifecycle::CaseRunner runner;
  sim::ReplayStrategy strict(replay.file->schedule, sim::ReplayMode::kStrict);
  replay.result = runner.run_with(replay.lifecycle_case, strict, options);
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
  replay.result = lifecycle::CaseRunner().run(replay.lifecycle_case, options);
  return replay;
}

}  // namespace aion::cli
