// aion::sim::check: runs a body of anyone's concurrent code in the simulator, under a strategy
// of the registry, for a budget of runs, and reports the first run that fails: a sim::check or
// an exception in any of its threads, a deadlock, a livelock, a hang past the step budget. The
// body uses the std-like types of platform/std_types.h (or the platform interface through
// aion::detail::current_platform()), which are bound to the run's simulator while it runs.
//
// A failure is written as a generic failure file (the test's name, the build, the strategy,
// the seed and the schedule: check_file.h) and reported with the last events of its timeline,
// thread names included, and the one line that replays it: AION_REPLAY=FILE. Options come
// from code and, taking precedence, from the environment as loom's do: AION_SEED, AION_RUNS,
// AION_STRATEGY, AION_REPLAY, AION_SHRINK=FILE (shrink a file's run further), and AION_HTML=PAGE
// / AION_PERFETTO=JSON for the pictures of the failing or replayed run. A run that crashes the
// process or hangs it is on disk before the process ends.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "sim/engine/run_result.h"

namespace aion::sim {

struct CheckOptions {
  std::string name = "check";  // the test's, in failure files
  std::uint64_t runs = 1000;
  std::uint64_t seed = 1;
  std::string strategy = "mix";  // a text form of the registry (aionsim strategies)
  std::string replay;            // a failure file to replay instead of searching
  // A failure file whose run is shrunk instead of searching; the shrunk file is written beside
  // the others, the one given is left as it is.
  std::string shrink;
  // Where a failure file goes; empty: Bazel's TEST_UNDECLARED_OUTPUTS_DIR, else the working
  // directory.
  std::string failure_dir;
  std::uint64_t max_steps = 1'000'000;
  // The body's return ends the run as exit() ends a program: threads still running stop where
  // they are. Set, threads still running then are a finding.
  bool report_threads_left = false;
  // Runs the shrinker may spend on a failure's schedule (fewer preemptions, the same failure:
  // sim/engine/schedule_shrinker.h) before it is written; 0: not shrunk.
  std::uint64_t shrink_runs = 1000;
  // A run that takes the test process down (a fatal signal), or runs this long without a
  // scheduling point, is written as a failure file before the process ends
  // (<test>-crashed.aioncheck, <test>-hung.aioncheck); AION_REPLAY reruns it in a child process.
  // 0: no watchdog.
  std::chrono::milliseconds watchdog{10'000};
  // Pictures of the failing (or replayed) run: an HTML page, a Perfetto trace; empty: none.
  std::string html;
  std::string perfetto;

  // These options with the environment's values over them. A bad value (not a number, an
  // unknown strategy) is std::invalid_argument with one line that names the variable.
  CheckOptions with_environment() const;
};

struct CheckResult {
  std::uint64_t runs = 0;
  bool covered = false;              // a systematic strategy covered every class of the body
  std::optional<RunResult> failure;  // the failing run, with its trace
  std::string failure_file;          // where it was written
  std::string report;                // what failed, its last events, how to replay it
  bool passed() const { return !failure.has_value(); }
};

// Throws std::invalid_argument for bad options (a strategy the registry does not know, a
// replay file that is missing, malformed or of another test), before any run.
CheckResult check(const std::function<void()>& body, const CheckOptions& options = {});

}  // namespace aion::sim
