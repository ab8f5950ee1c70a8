// aionsim replay: re-runs one recorded run exactly (a strict replay of a
// failure file's schedule), checks it against the recording, prints its
// timeline and verdict, and writes it for Perfetto or as an HTML page.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <variant>

#include "sim/cli/campaign_flags.h"
#include "sim/cli/cli_error.h"
#include "sim/cli/command.h"
#include "sim/cli/flag_values.h"
#include "sim/cli/flags.h"
#include "sim/cli/replay_page.h"
#include "sim/cli/replay_run.h"
#include "sim/cli/replay_verdict.h"
#include "sim/cli/user_files.h"
#include "sim/lifecycle/case_timeline.h"
#include "sim/trace_export/chrome_trace.h"

namespace aion::cli {
namespace {

// Scenario events shown by default after the verdict.
constexpr std::size_t kExcerptEvents = 16;

// The names Perfetto shows: a scenario event as what it was.
std::vector<std::string> scenario_names(const lifecycle::CaseResult& result) {
  std::vector<std::string> names(result.run.trace.size());
  for (const auto& event :
       lifecycle::case_timeline(result.run.trace, result.record, lifecycle::TimelineFilter::kOps)) {
    names[event.trace_index] = event.text;
  }
  return names;
}

const std::vector<FlagSpec>& replay_flags() {
  static const std::vector<FlagSpec> flags = {
      {"--scenario", "", "FILE", "without a failure file: the scenario to run (file or script)"},
      {"--seed", "", "N", "with --scenario: the run's seed, 0 to 2^64-1"},
      {"--strategy", "", "S",
       "with --scenario: a sampling strategy (default random; explore --help lists them)"},
      {"--full", "", "", "print the whole timeline, not only the events that matter"},
      {"--timeline", "", "ops|all",
       "with --full and --html: the scenario's events only, or with every platform operation "
       "(default all)"},
      {"--chrome-trace", "", "OUT.json", "write the trace for Perfetto (ui.perfetto.dev)"},
      {"--html", "", "OUT.html", "write a self-contained page: swimlanes, failure in red"},
      {"--watchdog", "", "S",
       "seconds of wall-clock time the run may take before it counts as hung (default 10)"},
  };
  return flags;
}

// The strategy of a --scenario replay: one run's, so a sampling strategy.
sim::StrategySpec case_strategy(const std::string* text) {
  const sim::StrategySpec spec = parse_strategy_flag("--strategy", text ? *text : "random");
  if (spec.systematic()) {
    throw UsageError("replay runs one schedule; --strategy " + spec.text() + " is for explore");
  }
  return spec;
}

// The last events of the run up to its last scheduling point before its process died (the
// run again, stopped there), or why there are none.
std::string died_timeline(const lifecycle::CaseResult& result, lifecycle::TimelineFilter filter) {
  if (result.run.trace.empty()) {
    return "\nthe run's process died, and so did the run again up to its last scheduling point:"
           " it left no timeline; what it last said is above\n";
  }
  std::vector<lifecycle::TimelineEvent> events =
      lifecycle::case_timeline(result.run.trace, result.record, filter);
  const std::size_t shown = std::min(events.size(), kExcerptEvents);
  events.erase(events.begin(), events.end() - static_cast<std::ptrdiff_t>(shown));
  return "\nthe last " + std::to_string(shown) + " events before the run's process died, after" +
         " scheduling point " + std::to_string(result.run.steps) +
         " (the run again, stopped there; --full shows them all):\n" +
         lifecycle::render_timeline(events);
}

std::string replay_help() {
  return "usage: aionsim replay FILE [flags]\n"
         "       aionsim replay --scenario FILE --seed N [--strategy S] [flags]\n"
         "\n"
         "Re-runs the run a failure file recorded: a strict replay of its schedule with its\n"
         "seed (a file without a schedule runs its case as recorded), checks the trace hash\n"
         "against the file's, and prints the verdict (what the run showed against the file's\n"
         "`expect` line) and, in the scenario's words, the events that matter: those of the\n"
         "processes the failure is about, up to where it failed, its own marked '>'. --full\n"
         "prints the whole timeline first. A replay that parts from the recording says where\n"
         "(the step, the recorded and the live choice) or that the hash differs.\n"
         "The run goes first in a child process: a run that crashes or hangs (past --watchdog)\n"
         "is reported as such, with the events up to its last scheduling point before it died.\n"
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
  lifecycle::TimelineFilter filter = lifecycle::TimelineFilter::kAll;
  if (const auto* name = line.value("--timeline")) {
    const auto named = lifecycle::timeline_filter_named(*name);
    if (!named) throw UsageError("--timeline is ops or all, not '" + *name + "'");
    filter = *named;
  }
  const std::chrono::milliseconds watchdog = read_watchdog(line);
  const Replay replay =
      from_file ? replay_recording(line.positional.front(), watchdog)
                : replay_scenario(*line.value("--scenario"),
                                  parse_whole("--seed", *line.value("--seed"), 0, UINT64_MAX),
                                  case_strategy(line.value("--strategy")), watchdog);
  const Verdict verdict = judge_replay(replay);

  if (line.has("--full")) {
    std::fputs(lifecycle::render_timeline(
                   lifecycle::case_timeline(replay.result.run.trace, replay.result.record, filter))
                   .c_str(),
               stdout);
    std::fputs("\n", stdout);
  }
  std::printf("replay of %s\n", replay.source.c_str());
  for (const auto& [label, text] : verdict.lines) {
    std::printf("  %-9s %s\n", (label + ":").c_str(), text.c_str());
  }
  if (replay.result.died()) {
    std::fputs(died_timeline(replay.result, filter).c_str(), stdout);
  } else if (replay.result.failed() && !verdict.diverged) {
    const lifecycle::Excerpt excerpt = lifecycle::what_matters(replay.result, kExcerptEvents);
    std::printf("\nwhat happened to %s, in the scenario's words (--full shows the whole run):\n%s",
                excerpt.about.c_str(), lifecycle::render_excerpt(excerpt).c_str());
  }
  if (const auto* out = line.value("--chrome-trace")) {
    const std::string path = resolve_user_path(*out);
    write_file(path,
               sim::to_chrome_trace_json(replay.result.run.trace, scenario_names(replay.result)));
    std::printf("  %-9s %s (open it in ui.perfetto.dev)\n", "chrome:", path.c_str());
  }
  if (const auto* out = line.value("--html")) {
    const std::string path = resolve_user_path(*out);
    write_file(path, report::render_html(replay_page(replay, verdict, filter)));
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
