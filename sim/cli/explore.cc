// aionsim explore: a campaign of runs over generated scenarios (or one given
// scenario) under a strategy, on worker threads, with live progress; saves
// each distinct failure as a shrunk failure file and ends with a summary.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "sim/cli/campaign.h"
#include "sim/cli/campaign_flags.h"
#include "sim/cli/cli_error.h"
#include "sim/cli/command.h"
#include "sim/cli/explore_report.h"
#include "sim/cli/finding_saver.h"
#include "sim/cli/flag_values.h"
#include "sim/cli/flags.h"
#include "sim/cli/input_files.h"
#include "sim/cli/interrupt.h"
#include "sim/cli/progress.h"
#include "sim/cli/strategy_list.h"
#include "sim/cli/summary_reader.h"
#include "sim/cli/user_files.h"
#include "sim/lifecycle/program_runs.h"

namespace aion::cli {
namespace {

// How often the summary on disk is brought up to date while nothing is found.
constexpr auto kSummaryInterval = std::chrono::seconds(5);
const std::vector<FlagSpec>& explore_flags() {
  static const std::vector<FlagSpec> flags = {
      {"--runs", "", "N", "stop after N runs; the results are then the same for any --jobs"},
      {"--seconds", "", "S", "stop after S seconds (default 60 when --runs is not given)"},
      {"--jobs", "-j", "J", "worker threads, 1-256 (default: one per CPU)"},
      {"--seed", "", "N", "campaign seed, 0 to 2^64-1 (default: a fresh one, printed)"},
      {"--strategy", "", "S", "how runs are scheduled (default mix): one of the strategies below"},
      {"--scenario", "", "FILE", "explore this scenario (failure file or script), not the mix"},
      {"--defects", "", "LIST",
       "switch planted defects on in the runtime, e.g. R3,R7 (aionsim defects lists them)"},
      {"--out", "", "DIR",
       "where failure files and summary.json go (default aionsim-failures), written as found"},
      {"--no-shrink", "", "", "save failures as found, without shrinking them"},
      {"--shard", "", "I/N",
       "explore part I of N (0 <= I < N) of the campaign: the parts are disjoint, together whole"},
      {"--in-process", "", "",
       "run cases on threads of this process, not in worker processes (faster to debug; a "
       "crash of the code under test then ends the campaign)"},
      {"--watchdog", "", "S",
       "seconds of wall-clock time a run may take before it counts as hung (default 10)"},
      {"--check-determinism", "", "",
       "run every case twice and report where two runs of one case part (default: every 64th)"},
      {"--max-steps", "", "N", "scheduling points a run may take (default 200000)"},
      {"--json", "", "", "print the summary as JSON on stdout (the text goes to stderr)"},
  };
  return flags;
}

std::string explore_help() {
  return "usage: aionsim explore [flags]\n"
         "\n"
         "Runs lifecycle scenarios in the simulator and judges every run by every invariant\n"
         "of the contract (aionsim invariants lists them; sim/oracle/CONTRACT.md says which\n"
         "rule each judges). One run in 64 also runs twice and must be the same run.\n"
         "Run i's scenario, seed and choices depend only on --seed and i, and results are\n"
         "merged in run order, so a campaign with --runs gives the same counts, classes\n"
         "and failures for any --jobs. Scenarios come from the builtin mix (every operation,\n"
         "every process shape, churn, shutdowns, light faults) unless --scenario names one.\n"
         "A systematic strategy (exhaustive:K, delay:K, por, dpor) runs each scenario schedule "
         "after\n"
         "schedule until it has covered it, one scenario per worker: best with --scenario and\n"
         "a small one; guided[:N] runs each scenario N times (10000), learning from its runs.\n"
         "pct:D learns its K: it first runs the first " +
         std::to_string(lifecycle::kCalibrationRuns) +
         " scenarios once and takes the longest\n"
         "run's decisions, and the summary names the K used (pct:D:K fixes it).\n"
         "\n"
         "Cases run in worker processes, a batch each: when the code under test crashes\n"
         "(a signal, a sanitizer report, an abort) or spins past --watchdog without reaching\n"
         "a scheduling point, the run it was in is a finding ('crashed' or 'hung') and the\n"
         "campaign goes on.\n"
         "\n"
         "Progress goes to stderr: a live line on a terminal, a log line every 5 s otherwise.\n"
         "Each distinct failure (by broken invariant) is saved as a failure file in --out as\n"
         "soon as it is found, then shrunk; --out/summary.json is kept current. SIGINT,\n"
         "SIGTERM and SIGHUP end the campaign with all it found saved and the summary printed.\n"
         "The summary names each file and the command that replays it.\n"
         "\n"
         "flags:\n" +
         flags_help(explore_flags()) + "\nstrategies:\n" + strategies_help() +
         "\n"
         "exit status: 0 nothing failed, 1 something failed, 2 bad input.\n";
}

int run_explore(const std::vector<std::string>& args) {
  const CommandLine line = parse_args("aionsim explore", explore_flags(), args);
  if (line.has("--help")) {
    std::fputs(explore_help().c_str(), stdout);
    return kExitOk;
  }
  if (!line.positional.empty()) {
    throw UsageError("explore takes flags only, not '" + line.positional.front() +
                     "' (to explore one scenario: --scenario FILE)");
  }
  CampaignOptions options;
  read_campaign_flags(line, options.budget, options.jobs, options.plan);
  const auto* strategy = line.value("--strategy");
  options.plan.strategy = parse_strategy_flag("--strategy", strategy ? *strategy : "random");
  if (line.has("--check-determinism")) options.plan.determinism_every = 1;
  options.isolate = !line.has("--in-process");
  options.watchdog = read_watchdog(line);
  ExploreReport report;
  report.defects = options.plan.defects;
  report.scenario_source = "builtin mix";
  if (const auto* scenario = line.value("--scenario")) {
    options.plan.scenario = load_scenario(*scenario);
    report.scenario_source = *scenario;
  }
  report.seed = options.plan.seed;
  report.jobs = options.jobs;
  report.shard_parts = {options.plan.shard_index};
  report.shard_count = options.plan.shard_count;
  const auto* out = line.value("--out");
  const std::string out_dir = resolve_user_path(out ? *out : "aionsim-failures");
  check_writable_directory(out_dir);
  // The hashes before the summary that counts them (merge checks the two agree).
  auto write_summary = [&out_dir](const ExploreReport& report) {
    const std::string json = summary_json(report);
    const auto& hashes = report.stats.classes;
    write_file(out_dir + "/" + kClassesFileName,
               hashes ? hashes->encode() : DistinctHashes().encode());
    write_file(out_dir + "/" + kSummaryFileName, json);
    return json;
  };

  // Last, once the input is known good: a form that learns a parameter runs its calibration.
  const sim::StrategySpec given = options.plan.strategy;
  options.plan.strategy = calibrated(options.plan, options.isolate, options.watchdog);
  report.strategy = options.plan.strategy.text();
  if (options.plan.strategy != given) report.calibrated_from = given.text();

  SaveOptions save;
  save.out_dir = out_dir;
  save.shrink = !line.has("--no-shrink");
  save.isolate = options.isolate;
  save.watchdog = options.watchdog;
  FindingSaver saver(save, options.plan);
  // The summary on disk says what the campaign has done so far, whatever ends it.
  auto keep_summary = [&](const CampaignStats& stats) {
    report.stats = stats;
    report.running = true;
    report.failures = saver.saved();
    write_summary(report);
  };
  catch_interrupt();
  ProgressReporter progress(stderr, isatty(STDERR_FILENO) != 0);
  auto last_summary = std::chrono::steady_clock::now();
  options.stop_requested = interrupt_requested;
  options.on_progress = [&](const CampaignStats& stats) {
    progress.update(stats);
    if (std::chrono::steady_clock::now() - last_summary >= kSummaryInterval) {
      last_summary = std::chrono::steady_clock::now();
      keep_summary(stats);
    }
  };
  options.on_finding = [&](const Finding& finding, const CampaignStats& stats) {
    saver.save(finding, [&] { keep_summary(stats); });
  };
  keep_summary(CampaignStats{});
  report.stats = run_campaign(options);
  progress.finish();
  report.interrupted_by = interrupt_signal_name();
  report.running = false;
  report.failures = saver.saved();
  const std::string json = write_summary(report);
  if (line.has("--json")) {
    std::fputs(summary_text(report).c_str(), stderr);
    std::fputs(json.c_str(), stdout);
  } else {
    std::fputs(summary_text(report).c_str(), stdout);
  }
  return report.failures.empty() ? kExitOk : kExitFailed;
}

}  // namespace

Command explore_command() {
  return {"explore", "run generated scenarios under a strategy; save and summarise failures",
          run_explore};
}

}  // namespace aion::cli
