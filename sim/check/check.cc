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

std::string file_name_of(const std::string& test, std::uint64_t trace_hash) {
  std::string name;
  for (const char c : test) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name + "-" + hex64(trace_hash) + ".aioncheck";
}

// Writes the failure; the path, or empty when it could not be written (the report says so).
std::string write_failure(const CheckOptions& options, const CheckFile& file) {
  std::string dir = options.failure_dir;
  if (dir.empty()) {
    const char* outputs = std::getenv("TEST_UNDECLARED_OUTPUTS_DIR");
    dir = outputs != nullptr ? outputs : ".";
  }
  const std::string path = dir + "/" + file_name_of(file.test, file.trace_hash);
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

CheckResult replay(Runner& runner, const CheckOptions& options) {
  const CheckFile file = read_check_file(options.replay);
  if (file.test != options.name) {
    throw std::invalid_argument(options.replay + ": a failure of " + file.test + ", not of " +
                                options.name);
  }
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
                  (file.build == this_build()
                       ? ""
                       : "\n  build: recorded by another build of the test (" + file.build +
                             ", this is " + this_build() + "): its code may have changed") +
                  "\n  last events:\n" + last_events(run.trace) +
                  pictures(options, run, file, "replayed from " + options.replay);
  if (!run.passed()) {
    result.failure = std::move(run);
    result.failure_file = options.replay;
  }
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
  if (const char* html = std::getenv("AION_HTML")) options.html = html;
  if (const char* perfetto = std::getenv("AION_PERFETTO")) options.perfetto = perfetto;
  return options;
}

CheckResult check(const std::function<void()>& body, const CheckOptions& options) {
  const StrategySpec spec = strategy_from(options.strategy, "strategy");
  Runner runner(body, options);
  if (!options.replay.empty()) return replay(runner, options);

  CheckResult result;
  std::optional<RunResult> failed;
  std::unique_ptr<Strategy> systematic;
  if (spec.systematic()) systematic = build_strategy(spec);
  while (result.runs < options.runs && (!systematic || systematic->wants_run(result.runs))) {
    // A sampling strategy's run replays from its seed alone; a systematic one's from its
    // schedule (the file keeps both).
    const std::uint64_t seed =
        systematic ? options.seed
                   : mix64(options.seed ^ mix64(result.runs + 0x9e3779b97f4a7c15ULL));
    std::unique_ptr<Strategy> sampling = systematic ? nullptr : build_strategy(spec);
    RunResult run =
        runner.run(systematic ? *systematic : *sampling, seed, options.max_steps, false);
    ++result.runs;
    if (!run.passed()) {
      failed = std::move(run);
      break;
    }
  }
  result.covered = !failed && systematic && systematic->covered();
  if (!failed) {
    result.report = options.name + ": nothing failed in " + std::to_string(result.runs) +
                    " runs (strategy " + spec.text() + ", seed " + std::to_string(options.seed) +
                    (result.covered ? "; every class covered" : "") + ")\n";
    return result;
  }
  auto file_of = [&](const RunResult& run) {
    CheckFile file;
    file.test = options.name;
    file.build = this_build();
    file.strategy = run.strategy;
    file.seed = run.seed;
    file.outcome = std::string(outcome_name(run.outcome));
    file.message = run.message;
    file.trace_hash = run.trace_hash;
    file.schedule = run.schedule;
    return file;
  };
  // On disk before the shrinking, which runs the body many more times.
  CheckFile file = file_of(*failed);
  result.failure_file = write_failure(options, file);
  std::string shrunk;
  if (options.shrink_runs > 0) {
    const ScheduleShrink shrink = shrink_schedule(
        [&](Strategy& strategy, std::uint64_t seed) {
          return runner.run(strategy, seed, options.max_steps, false);
        },
        *failed, options.shrink_runs);
    shrunk = "\n  shrunk: " + std::to_string(shrink.preemptions_before) + " -> " +
             std::to_string(shrink.preemptions_after) + " preemptions in " +
             std::to_string(shrink.runs) + " runs";
    if (shrink.preemptions_after < shrink.preemptions_before) {
      const std::string unshrunk = result.failure_file;
      failed = shrink.run;
      file = file_of(*failed);
      result.failure_file = write_failure(options, file);
      if (!result.failure_file.empty() && unshrunk != result.failure_file) {
        std::remove(unshrunk.c_str());
      }
    }
  }
  RunResult traced = runner.traced(*failed, options.max_steps);
  const std::string found = "run " + std::to_string(result.runs) + " of at most " +
                            std::to_string(options.runs) + " (strategy " + spec.text() + ", seed " +
                            std::to_string(options.seed) + ")";
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

}  // namespace aion::sim
