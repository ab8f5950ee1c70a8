#include "sim/check/check.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <variant>
#include <vector>

#include "platform/std_types.h"
#include "sim/check/check_file.h"
#include "sim/check/check_pages.h"
#include "sim/engine/hash.h"
#include "sim/engine/hex_text.h"
#include "sim/engine/replay_strategy.h"
#include "sim/engine/schedule_shrinker.h"
#include "sim/engine/simulator.h"
#include "sim/engine/strategy_registry.h"
#include "sim/engine/timeline.h"
#include "sim/engine/whole_number.h"
#include "sim/sandbox/child_process.h"
#include "sim/sandbox/crash_guard.h"
#include "sim/sandbox/frames.h"

namespace aion::sim {
namespace {

constexpr std::size_t kLastEvents = 20;

std::uint64_t whole_from(const char* variable, const char* text) {
  std::uint64_t value = 0;
  if (!parse_whole_number(text, value)) {
    throw std::invalid_argument(std::string(variable) + ": '" + text + "' is not a whole number");
  }
  return value;
}

StrategySpec strategy_from(const std::string& text, const std::string& where) {
  auto parsed = parse_strategy(text);
  if (auto* why = std::get_if<std::string>(&parsed)) {
    throw std::invalid_argument(where + ": " + *why);
  }
  return std::get<StrategySpec>(parsed);
}

std::string last_events(const Trace& trace) {
  const std::string timeline = render_timeline(trace);
  std::vector<std::string> lines;
  std::istringstream in(timeline);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::string text;
  const std::size_t first = lines.size() > kLastEvents ? lines.size() - kLastEvents : 0;
  for (std::size_t i = first; i < lines.size(); ++i) text += "    " + lines[i] + "\n";
  return text;
}

std::string failure_dir(const CheckOptions& options) {
  if (!options.failure_dir.empty()) return options.failure_dir;
  const char* outputs = std::getenv("TEST_UNDECLARED_OUTPUTS_DIR");
  return outputs != nullptr ? outputs : ".";
}

// DIR/<test>-<ending>.aioncheck, the test's name made a file's.
std::string failure_path(const CheckOptions& options, const std::string& ending) {
  std::string name;
  for (const char c : options.name) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return failure_dir(options) + "/" + name + "-" + ending + ".aioncheck";
}

// Writes the failure; the path, or empty when it could not be written (the report says so).
std::string write_failure(const CheckOptions& options, const CheckFile& file) {
  const std::string path = failure_path(options, hex64(file.trace_hash));
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << render_check_file(file);
  return out.good() ? path : "";
}

// The pictures the options ask for, as report lines.
std::string pictures(const CheckOptions& options, const RunResult& run, const CheckFile& file,
                     const std::string& found) {
  if (options.html.empty() && options.perfetto.empty()) return "";
  const std::vector<std::pair<std::string, std::string>> facts = {
      {"test", file.test},
      {"outcome", std::string(outcome_name(run.outcome))},
      {"found", found},
      {"strategy", file.strategy},
      {"seed", std::to_string(file.seed)},
      {"steps", std::to_string(run.steps)},
      {"virtual time", std::to_string(run.virtual_time) + " ns"},
      {"trace hash", hex64(run.trace_hash)},
  };
  std::string text;
  for (const std::string& line :
       write_check_pages({options.html, options.perfetto}, file.test, run, facts)) {
    text += line + "\n";
  }
  return text;
}

class Runner {
 public:
  Runner(const std::function<void()>& body, const CheckOptions& options)
      : program_([&body](platform::Platform&) { body(); }),
        main_return_(options.report_threads_left ? RunOptions::MainReturn::kExitReportingThreads
                                                 : RunOptions::MainReturn::kExit) {}

  RunResult run(Strategy& strategy, std::uint64_t seed, std::uint64_t max_steps, bool trace) {
    // Outside the run, so that the handles of detached threads outlive the main fiber.
    PlatformScope scope(simulator_);
    return simulator_.run(program_, RunOptions()
                                        .with_seed(seed)
                                        .with_strategy(&strategy)
                                        .with_max_steps(max_steps)
                                        .with_trace(trace)
                                        .with_main_return(main_return_));
  }
  // The failing run again, with its trace: a strict replay of its schedule.
  RunResult traced(const RunResult& failed, std::uint64_t max_steps) {
    ReplayStrategy replay(failed.schedule, ReplayMode::kStrict);
    return run(replay, failed.seed, max_steps, true);
  }

 private:
  Simulator simulator_;
  std::function<void(platform::Platform&)> program_;
  RunOptions::MainReturn main_return_;
};

bool lost(const std::string& outcome) {
  return outcome == outcome_name(Outcome::kCrashed) || outcome == outcome_name(Outcome::kHung);
}

CheckFile file_of(const CheckOptions& options, const StrategySpec& spec, std::uint64_t run_index,
                  const RunResult& run) {
  CheckFile file;
  file.test = options.name;
  file.build = this_build();
  file.strategy = spec.text();
  file.seed = run.seed;
  file.run = run_index;
  file.outcome = std::string(outcome_name(run.outcome));
  file.message = run.message;
  file.trace_hash = run.trace_hash;
  file.schedule = run.schedule;
  return file;
}

// The file of a run the process may lose (a crash, a hang): it has no schedule yet, so it is
// found again by running the search to it: its strategy, its seed, its place in the search.
sandbox::LostRun lost_run(const CheckOptions& options, const StrategySpec& spec, std::uint64_t seed,
                          std::uint64_t run_index) {
  auto text_of = [=](Outcome outcome) {
    RunResult run;
    run.outcome = outcome;
    run.seed = seed;
    run.message = outcome == Outcome::kCrashed
                      ? "the test process died of a fatal signal in this run"
                      : "this run went on past the watchdog without a scheduling point";
    return render_check_file(file_of(options, spec, run_index, run));
  };
  const std::string crashed = failure_path(options, "crashed");
  return {crashed, text_of(Outcome::kCrashed), failure_path(options, "hung"),
          [text_of] { return text_of(Outcome::kHung); },
          "AION_REPLAY=" + crashed + " runs it again in a child process"};
}

class ArmedRun {
 public:
  ArmedRun(sandbox::CrashGuard& guard, sandbox::LostRun run) : guard_(guard) {
    guard_.arm(std::move(run));
  }
  ~ArmedRun() { guard_.disarm(); }
  ArmedRun(const ArmedRun&) = delete;
  ArmedRun& operator=(const ArmedRun&) = delete;

 private:
  sandbox::CrashGuard& guard_;
};

void refuse_other_test(const CheckOptions& options, const std::string& path,
                       const CheckFile& file) {
  if (file.test != options.name) {
    throw std::invalid_argument(path + ": a failure of " + file.test + ", not of " + options.name);
  }
}

std::string build_note(const CheckFile& file) {
  return file.build == this_build()
             ? ""
             : "\n  build: recorded by another build of the test (" + file.build + ", this is " +
                   this_build() + "): its code may have changed";
}

// A crashed or hung run again: the search run to it, and the run itself in a child process,
// which it may take down. Neither a schedule nor a trace is on record for it.
CheckResult rerun_lost(Runner& runner, const CheckOptions& options, const CheckFile& file) {
  const StrategySpec spec = strategy_from(file.strategy, options.replay);
  std::unique_ptr<Strategy> strategy = build_strategy(spec, {.seed = file.seed});
  if (spec.systematic()) {
    for (std::uint64_t done = 0; done + 1 < file.run; ++done) {
      if (!strategy->wants_run(done)) break;
      runner.run(*strategy, file.seed, options.max_steps, false);
    }
  }
  std::optional<std::chrono::milliseconds> watchdog;
  if (options.watchdog.count() > 0) watchdog = options.watchdog;
  auto child = sandbox::run_in_child(
      [&](int fd) {
        const RunResult run = runner.run(*strategy, file.seed, options.max_steps, false);
        sandbox::write_frame(fd, std::string(outcome_name(run.outcome)) + ": " + run.message);
      },
      watchdog);
  if (auto* why = std::get_if<std::string>(&child)) {
    throw std::runtime_error(options.replay + ": no child process to rerun it in: " + *why);
  }
  const sandbox::ChildRun& ran = std::get<sandbox::ChildRun>(child);
  CheckResult result;
  result.runs = 1;
  std::optional<Outcome> failed;
  std::string ended;
  if (ran.ending.watchdog) {
    failed = Outcome::kHung;
    ended = "hung: past the watchdog without a scheduling point";
  } else if (!ran.ending.clean() || ran.frames.empty()) {
    failed = Outcome::kCrashed;
    ended = "crashed: " + ran.ending.describe();
    if (const std::string headline = ran.ending.stderr_headline(); !headline.empty()) {
      ended += "\n  its stderr: " + headline;
    }
  } else {
    ended = ran.frames.front();
    if (ended.rfind(outcome_name(Outcome::kPassed), 0) != 0) failed = Outcome::kCheckFailed;
  }
  result.report = "replay of " + options.replay + " (" + file.test + "), run " +
                  std::to_string(file.run) + " of the search (strategy " + file.strategy +
                  ", seed " + std::to_string(file.seed) + ") in a child process: " + ended +
                  "\n  recorded: " + file.outcome + ": " + file.message + build_note(file) +
                  "\n  (a run that took its process down left no schedule nor trace: it is found "
                  "again from its strategy and seed, and drawn by none)\n";
  if (failed) {
    RunResult run;
    run.outcome = *failed;
    run.message = ended;
    run.seed = file.seed;
    result.failure = std::move(run);
    result.failure_file = options.replay;
  }
  return result;
}

CheckResult replay(Runner& runner, const CheckOptions& options) {
  const CheckFile file = read_check_file(options.replay);
  refuse_other_test(options, options.replay, file);
  if (lost(file.outcome)) return rerun_lost(runner, options, file);
  ReplayStrategy strategy(file.schedule, ReplayMode::kStrict);
  RunResult run = runner.run(strategy, file.seed, options.max_steps, true);
  CheckResult result;
  result.runs = 1;
  const bool same = run.trace_hash == file.trace_hash;
  result.report = "replay of " + options.replay + " (" + file.test +
                  "): " + std::string(outcome_name(run.outcome)) +
                  (run.message.empty() ? "" : ": " + run.message) +
                  "\n  recorded: " + file.outcome +
                  (file.message.empty() ? "" : ": " + file.message) + "\n  trace: " +
                  (same ? "as recorded"
                        : "differs from the recording (hash " + hex64(run.trace_hash) +
                              ", recorded " + hex64(file.trace_hash) + ")") +
                  build_note(file) + "\n  last events:\n" + last_events(run.trace) +
                  pictures(options, run, file, "replayed from " + options.replay);
  if (!run.passed()) {
    result.failure = std::move(run);
    result.failure_file = options.replay;
  }
  return result;
}

// A failing run: on disk, shrunk (on disk again, the unshrunk file gone), traced, reported.
// `written`: its file is on disk already, at that path, and stays.
CheckResult report_failure(Runner& runner, const CheckOptions& options, const StrategySpec& spec,
                           std::uint64_t run_index, RunResult failed, const std::string& found,
                           const std::string& written) {
  CheckResult result;
  result.runs = run_index;
  CheckFile file = file_of(options, spec, run_index, failed);
  // On disk before the shrinking, which runs the body many more times.
  result.failure_file = written.empty() ? write_failure(options, file) : written;
  std::string shrunk;
  if (options.shrink_runs > 0) {
    const ScheduleShrink shrink = shrink_schedule(
        [&](Strategy& strategy, std::uint64_t seed) {
          return runner.run(strategy, seed, options.max_steps, false);
        },
        failed, options.shrink_runs);
    shrunk = "\n  shrunk: " + std::to_string(shrink.preemptions_before) + " -> " +
             std::to_string(shrink.preemptions_after) + " preemptions in " +
             std::to_string(shrink.runs) + " runs";
    if (shrink.preemptions_after < shrink.preemptions_before) {
      const std::string unshrunk = result.failure_file;
      failed = shrink.run;
      file = file_of(options, spec, run_index, failed);
      result.failure_file = write_failure(options, file);
      if (written.empty() && !result.failure_file.empty() && unshrunk != result.failure_file) {
        std::remove(unshrunk.c_str());
      }
    }
  }
  RunResult traced = runner.traced(failed, options.max_steps);
  result.report =
      options.name + ": " + file.outcome + ": " + file.message + "\n  found in " + found + shrunk +
      "\n  last events:\n" + last_events(traced.trace) + pictures(options, traced, file, found) +
      (result.failure_file.empty()
           ? "  (the failure file could not be written)\n"
           : "  replay: AION_REPLAY=" + result.failure_file +
                 "  (bazel test --test_env=AION_REPLAY=" + result.failure_file + " //your:test)\n");
  result.failure = std::move(traced);
  return result;
}

// A failure file's run shrunk further: replayed, and when it still fails, shrunk into a file of
// its own beside the others (the file given is left as it is).
CheckResult shrink_file(Runner& runner, const CheckOptions& options) {
  const CheckFile file = read_check_file(options.shrink);
  refuse_other_test(options, options.shrink, file);
  if (lost(file.outcome)) {
    throw std::invalid_argument(options.shrink + ": a " + file.outcome +
                                " run has no schedule to shrink (AION_REPLAY reruns it)");
  }
  const StrategySpec spec = strategy_from(file.strategy, options.shrink);
  ReplayStrategy strategy(file.schedule, ReplayMode::kStrict);
  RunResult run = runner.run(strategy, file.seed, options.max_steps, false);
  if (run.passed() || run.outcome == Outcome::kDivergence) {
    CheckResult result;
    result.runs = 1;
    result.report = "shrink of " + options.shrink + " (" + file.test + "): " +
                    (run.passed() ? "its run passes now"
                                  : "its run parts from its recording (" + run.message + ")") +
                    ", nothing to shrink" + build_note(file) + "\n";
    if (!run.passed()) {
      result.failure = std::move(run);
      result.failure_file = options.shrink;
    }
    return result;
  }
  CheckOptions shrinking = options;
  if (shrinking.shrink_runs == 0) shrinking.shrink_runs = CheckOptions{}.shrink_runs;
  CheckResult result = report_failure(runner, shrinking, spec, file.run, std::move(run),
                                      "the file " + options.shrink, options.shrink);
  result.runs = 1;
  return result;
}

}  // namespace

CheckOptions CheckOptions::with_environment() const {
  CheckOptions options = *this;
  if (const char* seed = std::getenv("AION_SEED")) options.seed = whole_from("AION_SEED", seed);
  if (const char* runs = std::getenv("AION_RUNS")) {
    options.runs = whole_from("AION_RUNS", runs);
    if (options.runs == 0) throw std::invalid_argument("AION_RUNS: at least 1");
  }
  if (const char* strategy = std::getenv("AION_STRATEGY")) {
    strategy_from(strategy, "AION_STRATEGY");
    options.strategy = strategy;
  }
  if (const char* replay = std::getenv("AION_REPLAY")) options.replay = replay;
  if (const char* shrink = std::getenv("AION_SHRINK")) options.shrink = shrink;
  if (!options.replay.empty() && !options.shrink.empty()) {
    throw std::invalid_argument("AION_REPLAY and AION_SHRINK: one file at a time");
  }
  if (const char* html = std::getenv("AION_HTML")) options.html = html;
  if (const char* perfetto = std::getenv("AION_PERFETTO")) options.perfetto = perfetto;
  return options;
}

CheckResult check(const std::function<void()>& body, const CheckOptions& options) {
  const StrategySpec spec = strategy_from(options.strategy, "strategy");
  Runner runner(body, options);
  if (!options.replay.empty()) return replay(runner, options);
  if (!options.shrink.empty()) return shrink_file(runner, options);

  std::uint64_t runs = 0;
  std::optional<RunResult> failed;
  std::unique_ptr<Strategy> systematic;
  if (spec.systematic()) systematic = build_strategy(spec, {.seed = options.seed});
  sandbox::CrashGuard guard(options.watchdog);
  while (runs < options.runs && (!systematic || systematic->wants_run(runs))) {
    // A sampling strategy's run replays from its seed alone; a systematic one's from its
    // schedule (the file keeps both).
    const std::uint64_t seed =
        systematic ? options.seed : mix64(options.seed ^ mix64(runs + 0x9e3779b97f4a7c15ULL));
    std::unique_ptr<Strategy> sampling = systematic ? nullptr : build_strategy(spec);
    ArmedRun armed(guard, lost_run(options, spec, seed, runs + 1));
    RunResult run =
        runner.run(systematic ? *systematic : *sampling, seed, options.max_steps, false);
    ++runs;
    if (!run.passed()) {
      failed = std::move(run);
      break;
    }
  }
  if (!failed) {
    CheckResult result;
    result.runs = runs;
    result.covered = systematic && systematic->covered();
    result.report = options.name + ": nothing failed in " + std::to_string(runs) +
                    " runs (strategy " + spec.text() + ", seed " + std::to_string(options.seed) +
                    (result.covered ? "; every class covered" : "") + ")\n";
    return result;
  }
  const std::string found = "run " + std::to_string(runs) + " of at most " +
                            std::to_string(options.runs) + " (strategy " + spec.text() + ", seed " +
                            std::to_string(options.seed) + ")";
  return report_failure(runner, options, spec, runs, std::move(*failed), found, "");
}

}  // namespace aion::sim
