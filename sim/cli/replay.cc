// aionsim replay: re-runs one recorded run exactly (a strict replay of a
// failure file's schedule), checks it against the recording, prints its
// timeline and verdict, and writes it for Perfetto or as an HTML page.
#include <cstdint>
#include <cstdio>
#include <variant>

#include "sim/cli/cli_error.h"
#include "sim/cli/command.h"
#include "sim/cli/flag_values.h"
#include "sim/cli/flags.h"
#include "sim/cli/replay_page.h"
#include "sim/cli/replay_run.h"
#include "sim/cli/replay_verdict.h"
#include "sim/cli/strategy_choice.h"
#include "sim/cli/user_files.h"
#include "sim/engine/chrome_trace.h"
#include "sim/engine/timeline.h"

namespace aion::cli {
namespace {

const std::vector<FlagSpec>& replay_flags() {
  static const std::vector<FlagSpec> flags = {
      {"--scenario", "", "FILE", "without a failure file: the scenario to run (file or script)"},
      {"--seed", "", "N", "with --scenario: the run's seed, 0 to 2^64-1"},
      {"--strategy", "", "S", "with --scenario: random (default), pct:D or generated"},
      {"--chrome-trace", "", "OUT.json", "write the trace for Perfetto (ui.perfetto.dev)"},
      {"--html", "", "OUT.html", "write a self-contained page: swimlanes, failure in red"},
  };
  return flags;
}

// The strategy of a --scenario replay: one schedule, so not exhaustive.
lifecycle::StrategySpec case_strategy(const std::string* text) {
  if (text == nullptr) return *lifecycle::StrategySpec::parse("random");
  const StrategyChoice choice = parse_strategy(*text);
  if (std::holds_alternative<Exhaustive>(choice)) {
    throw UsageError("replay runs one schedule; --strategy exhaustive:K is for explore");
  }
  return std::get<lifecycle::StrategySpec>(choice);
}

std::string replay_help() {
  return "usage: aionsim replay FILE [flags]\n"
         "       aionsim replay --scenario FILE --seed N [--strategy S] [flags]\n"
         "\n"
         "Re-runs the run a failure file recorded: a strict replay of its schedule with its\n"
         "seed (a file without a schedule runs its case as recorded), checks the trace hash\n"
         "against the file's, prints the timeline, then the verdict: what the run showed\n"
         "against the file's `expect` line. A replay that parts from the recording says\n"
         "where (the step, the recorded and the live choice) or that the hash differs.\n"
         "\n"
         "flags:\n" +
         flags_help(replay_flags()) +
         "\n"
         "exit status: 0 the replay reproduced the recording and shows what the file expects\n"
         "(with --scenario: the run passed), 1 otherwise, 2 bad input.\n";
}

int run_replay(const std::vector<std::string>& args) {
  const CommandLine line = parse_args("aionsim replay", replay_flags(), args);
  if (line.has("--help")) {
    std::fputs(replay_help().c_str(), stdout);
    return kExitOk;
  }
  if (line.positional.size() > 1) {
    throw UsageError("replay takes one failure file, not " +
                     std::to_string(line.positional.size()) + " ('" + line.positional[1] + "')");
  }
  const bool from_file = !line.positional.empty();
  if (from_file && (line.has("--scenario") || line.has("--seed") || line.has("--strategy"))) {
    throw UsageError("give a failure file, or --scenario FILE with --seed N, not both");
  }
  if (!from_file && !line.has("--scenario")) {
    throw UsageError(
        "replay needs a failure file (aionsim replay FILE) or --scenario FILE --seed N");
  }
  if (!from_file && !line.has("--seed")) {
    throw UsageError("--scenario needs --seed N: the seed of the run to replay");
  }
  const Replay replay =
      from_file ? replay_recording(line.positional.front())
                : replay_scenario(*line.value("--scenario"),
                                  parse_whole("--seed", *line.value("--seed"), 0, UINT64_MAX),
                                  case_strategy(line.value("--strategy")));
  const Verdict verdict = judge_replay(replay);

  std::fputs(sim::render_timeline(replay.result.run.trace).c_str(), stdout);
  std::printf("\nreplay of %s\n", replay.source.c_str());
  for (const auto& [label, text] : verdict.lines) {
    std::printf("  %-9s %s\n", (label + ":").c_str(), text.c_str());
  }
  if (const auto* out = line.value("--chrome-trace")) {
    const std::string path = resolve_user_path(*out);
    write_file(path, sim::to_chrome_trace_json(replay.result.run.trace));
    std::printf("  %-9s %s (open it in ui.perfetto.dev)\n", "chrome:", path.c_str());
  }
  if (const auto* out = line.value("--html")) {
    const std::string path = resolve_user_path(*out);
    write_file(path, render_html(replay_page(replay, verdict)));
    std::printf("  %-9s %s\n", "html:", path.c_str());
  }
  return verdict.reproduced() ? kExitOk : kExitFailed;
}

}  // namespace

Command replay_command() {
  return {"replay", "re-run a failure file exactly; timeline, verdict, Perfetto trace, HTML",
          run_replay};
}

}  // namespace aion::cli
