#include "sim/cli/replay_run.h"

#include "sim/cli/input_files.h"
#include "sim/engine/replay_strategy.h"

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
  sim::ReplayStrategy strict(replay.file->schedule, sim::ReplayMode::kStrict);
  replay.result = lifecycle::CaseRunner().run_with(replay.lifecycle_case, strict, options);
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
