// Running what replay is asked for, with the trace recorded: the run a
// failure file recorded, as a strict replay of its schedule with its seed
// (a file without a schedule runs its case as recorded); or a scenario under
// a seed and a case strategy. Bad files are UsageErrors (input_files.h).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "sim/lifecycle/case_runner.h"
#include "sim/lifecycle/failure_file.h"
#include "sim/lifecycle/lifecycle_case.h"

namespace aion::cli {

// What was replayed and what it showed.
struct Replay {
  std::string source;  // the path it came from
  std::string how;     // how it was run, for a person
  lifecycle::LifecycleCase lifecycle_case;
  std::optional<lifecycle::FailureFile> file;
  lifecycle::CaseResult result;
};

// `watchdog`: the wall-clock time the run may take in its child process before it is hung.
Replay replay_recording(const std::string& path, std::chrono::milliseconds watchdog);

Replay replay_scenario(const std::string& scenario_path, std::uint64_t seed,
                       const sim::StrategySpec& strategy, std::chrono::milliseconds watchdog);

}  // namespace aion::cli
