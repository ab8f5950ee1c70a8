// aionsim explore: a campaign of runs over generated scenarios (or one given
// scenario) under a strategy, on worker threads, with live progress; saves
// each distinct failure as a shrunk failure file and ends with a summary.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <thread>

#include "sim/cli/campaign.h"
#include "sim/cli/cli_error.h"
#include "sim/cli/command.h"
#include "sim/cli/explore_report.h"
#include "sim/cli/flag_values.h"
#include "sim/cli/flags.h"
#include "sim/cli/input_files.h"
#include "sim/cli/interrupt.h"
#include "sim/cli/progress.h"
#include "sim/cli/user_files.h"
#include "sim/lifecycle/failure_file.h"
#include "sim/lifecycle/step_budget.h"
#include "sim/oracle/invariants.h"

namespace aion::cli {
namespace {

constexpr double kDefaultSeconds = 60;
constexpr std::uint64_t kMaxJobs = 256;
constexpr std::uint64_t kMaxStepBudget = 1'000'000'000;
// A long run is run again with up to this many times its budget, to say what it needs.
constexpr std::uint64_t kLongRunCeiling = 64;
// Shrinking a failure gets at most this many candidate runs, and about this
// many seconds' worth of them at the campaign's speed: a failure that takes
// 200000 steps a run must not keep the summary waiting for minutes.
constexpr std::uint64_t kMaxShrinkRuns = 2000;
constexpr std::uint64_t kMinShrinkRuns = 20;
// Scheduling points a shrink may spend: about 20 s of runs at -c opt speed.
constexpr double kShrinkDecisions = 50'000'000;

const std::vector<FlagSpec>& explore_flags() {
  static const std::vector<FlagSpec> flags = {
      {"--runs", "", "N", "stop after N runs; the results are then the same for any --jobs"},
      {"--seconds", "", "S", "stop after S seconds (default 60 when --runs is not given)"},
      {"--jobs", "-j", "J", "worker threads, 1-256 (default: one per CPU)"},
      {"--seed", "", "N", "campaign seed, 0 to 2^64-1 (default: a fresh one, printed)"},
      {"--strategy", "", "S",
       "random (default), pct:D (depth 1-10), exhaustive:K (0-3 preemptions), generated"},
      {"--scenario", "", "FILE", "explore this scenario (failure file or script), not the mix"},
      {"--defects", "", "LIST",
       "switch planted defects on in the runtime, e.g. R3,R7 (aionsim defects lists them)"},
      {"--out", "", "DIR", "where failure files go (default aionsim-failures)"},
      {"--no-shrink", "", "", "save failures as found, without shrinking them"},
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
         "merged in run order, so a campaign with --runs gives the same counts, interleavings\n"
         "and failures for any --jobs. Scenarios come from the builtin mix (every operation,\n"
         "every process shape, churn, shutdowns, light faults) unless --scenario names one.\n"
         "exhaustive:K walks every schedule of each scenario with at most K preemptions, one\n"
         "scenario per worker: best with --scenario and a small scenario.\n"
         "\n"
         "Progress goes to stderr: a live line on a terminal, a log line every 5 s otherwise.\n"
         "Each distinct failure (by broken invariant) is shrunk and saved as a failure file\n"
         "in --out; the summary names it and the command that replays it.\n"
         "\n"
         "flags:\n" +
         flags_help(explore_flags()) +
         "\n"
         "exit status: 0 nothing failed, 1 something failed, 2 bad input.\n";
}

std::uint64_t fresh_seed() {
  std::random_device device;
  return (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

unsigned default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

// Fixed by the finding's length, not by this machine's speed, so that a
// campaign with --runs saves the same shrunk files everywhere.
std::size_t shrink_budget(const Finding& finding) {
  const double runs =
      kShrinkDecisions / static_cast<double>(std::max<std::uint64_t>(finding.steps, 1));
  return static_cast<std::size_t>(
      std::clamp(runs, static_cast<double>(kMinShrinkRuns), static_cast<double>(kMaxShrinkRuns)));
}

// How long a long run really is, and the budget that lets it finish.
std::string budget_advice(lifecycle::CaseRunner& runner, const Finding& finding,
                          const CampaignPlan& plan) {
  lifecycle::CaseOptions options;
  options.runtime.defects = finding.defects;
  options.max_steps = plan.max_steps;
  const std::uint64_t ceiling = kLongRunCeiling * plan.max_steps;
  const auto steps = lifecycle::steps_to_finish(runner, finding.lifecycle_case, options, ceiling);
  if (!steps) {
    return "; it does not finish within " + std::to_string(ceiling) + " scheduling points either";
  }
  return "; it finishes in " + std::to_string(*steps) + " scheduling points: explore it with " +
         "--max-steps " + std::to_string(lifecycle::suggested_budget(*steps));
}

// Shrinks each finding (unless told not to, or interrupted: `aionsim shrink`
// can do it later) and writes it into `out_dir`.
std::vector<SavedFailure> save_failures(const CampaignStats& stats, const CampaignPlan& plan,
                                        const std::string& out_dir, bool shrink) {
  std::vector<SavedFailure> saved;
  lifecycle::CaseRunner runner;
  for (const Finding& finding : stats.findings) {
    SavedFailure failure;
    failure.finding = finding;
    failure.operations_before = finding.lifecycle_case.scenario.operation_count();
    // A long run is not wrong, only long: shrinking would keep it as long.
    const bool long_run = finding.invariant == oracle::invariant_name(oracle::Invariant::kLongRun);
    if (shrink && !long_run && !interrupt_requested()) {
      std::fprintf(stderr, "aionsim explore: shrinking the %s failure of run %llu\n",
                   finding.invariant.c_str(), static_cast<unsigned long long>(finding.run));
      if (auto smaller = shrink_finding(runner, finding, shrink_budget(finding))) {
        failure.finding = std::move(*smaller);
        failure.shrunk = true;
      }
    }
    if (finding.invariant == oracle::invariant_name(oracle::Invariant::kLongRun)) {
      failure.finding.headline += budget_advice(runner, finding, plan);
    }
    failure.path = out_dir + "/" + failure_file_name(failure.finding);
    write_file(failure.path, lifecycle::render_failure(failure_file_of(failure.finding)));
    saved.push_back(std::move(failure));
  }
  return saved;
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
  if (const auto* runs = line.value("--runs")) {
    options.budget.runs = parse_whole("--runs", *runs, 1, UINT64_MAX);
  }
  if (const auto* seconds = line.value("--seconds")) {
    options.budget.seconds = parse_seconds("--seconds", *seconds);
  }
  if (!options.budget.runs && !options.budget.seconds) options.budget.seconds = kDefaultSeconds;
  const auto* jobs = line.value("--jobs");
  options.jobs =
      jobs ? static_cast<unsigned>(parse_whole("--jobs", *jobs, 1, kMaxJobs)) : default_jobs();
  const auto* seed = line.value("--seed");
  options.plan.seed = seed ? parse_whole("--seed", *seed, 0, UINT64_MAX) : fresh_seed();
  if (const auto* strategy = line.value("--strategy")) {
    options.plan.strategy = parse_strategy(*strategy);
  } else {
    options.plan.strategy = *lifecycle::StrategySpec::parse("random");
  }
  if (const auto* defects = line.value("--defects")) {
    options.plan.defects = parse_defects("--defects", *defects);
  }
  if (line.has("--check-determinism")) options.plan.determinism_every = 1;
  if (const auto* steps = line.value("--max-steps")) {
    options.plan.max_steps = parse_whole("--max-steps", *steps, 1, kMaxStepBudget);
  }
  ExploreReport report;
  report.defects = options.plan.defects;
  report.scenario_source = "builtin mix";
  if (const auto* scenario = line.value("--scenario")) {
    options.plan.scenario = load_scenario(*scenario);
    report.scenario_source = *scenario;
  }
  const auto* out = line.value("--out");
  const std::string out_dir = resolve_user_path(out ? *out : "aionsim-failures");

  catch_interrupt();
  ProgressReporter progress(stderr, isatty(STDERR_FILENO) != 0);
  options.stop_requested = interrupt_requested;
  options.on_progress = [&progress](const CampaignStats& stats) { progress.update(stats); };
  report.stats = run_campaign(options);
  progress.finish();

  report.strategy = describe(options.plan.strategy);
  report.seed = options.plan.seed;
  report.jobs = options.jobs;
  report.failures = save_failures(report.stats, options.plan, out_dir, !line.has("--no-shrink"));
  if (line.has("--json")) {
    std::fputs(summary_text(report).c_str(), stderr);
    std::fputs(summary_json(report).c_str(), stdout);
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
