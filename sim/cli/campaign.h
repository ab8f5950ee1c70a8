// A campaign: the units of a CampaignPlan run on `jobs` worker threads, each
// with its own UnitRunner, or in child processes (isolated), and their runs
// are merged by the calling thread in unit order. Everything merged (counts, distinct trace hashes,
// the first failure of each broken invariant) therefore depends on the plan and the budget of runs
// alone, never on the number of workers. A time budget or a stop request ends the campaign wherever
// the merge has got to. Workers stay a few units ahead of the merge at most, so memory does not
// grow with time.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/cli/campaign_plan.h"
#include "sim/cli/distinct_hashes.h"
#include "sim/cli/unit_runner.h"
#include "sim/oracle/coverage_marks.h"
#include "sim/oracle/invariants.h"

namespace aion::cli {

struct Budget {
  std::optional<std::uint64_t> runs;
  std::optional<double> seconds;
};

enum class StopReason { kRuns, kTime, kExhausted, kInterrupted };

struct CampaignStats {
  std::uint64_t runs = 0;
  std::uint64_t decisions = 0;  // scheduling points over all runs
  std::uint64_t failing_runs = 0;
  // Failing runs that broke each invariant (a run may break several).
  std::array<std::uint64_t, oracle::kInvariantCount> runs_breaking{};
  std::uint64_t determinism_checks = 0;  // runs that were also run twice
  // Distinct equivalence classes of runs (RunResult::class_hash: runs that differ only in the
  // order of independent events are one), exactly or as an estimate (DistinctHashes).
  std::uint64_t distinct_classes = 0;
  bool classes_exact = true;
  // When the last new class came: after this many runs (0: none yet) and seconds. A merged
  // report does not know (0).
  std::uint64_t last_new_class_run = 0;
  double last_new_class_seconds = 0;
  // New classes per second over the last few seconds, for the live line.
  double new_classes_per_second = 0;
  // The class hashes themselves, to save for merge: read it on the thread that runs the
  // campaign (in its callbacks) or after the campaign.
  std::shared_ptr<const DistinctHashes> classes;
  oracle::CoverageMarks marks;
  std::vector<Finding> findings;  // the first failing run of each invariant, in run order
  // Systematic strategies: scenarios whose runs were merged, how many of them the strategy
  // covered, and the first thing it noticed that puts its coverage in doubt.
  std::uint64_t scenarios = 0;
  std::uint64_t scenarios_covered = 0;
  std::string search_warning;
  double seconds = 0;  // wall time so far
  StopReason stopped = StopReason::kRuns;
};

struct CampaignOptions {
  CampaignPlan plan;
  Budget budget;
  unsigned jobs = 1;
  // Runs the units in child processes, `batch` units each, `jobs` at a time: code under
  // test that ends its process ends only a child, and the run it was in is a finding
  // ('crashed', or 'hung' when it outlived `watchdog`); the campaign goes on.
  bool isolate = false;
  std::uint64_t batch = 256;
  std::chrono::milliseconds watchdog{10'000};
  // Polled between merges; true ends the campaign (Ctrl-C).
  std::function<bool()> stop_requested;
  // Called about every `progress_interval` seconds with the merged results.
  std::function<void(const CampaignStats&)> on_progress;
  // Called with each distinct finding as soon as the merge reaches it (in run order), and
  // the merged results so far.
  std::function<void(const Finding&, const CampaignStats&)> on_finding;
  double progress_interval = 0.2;
};

CampaignStats run_campaign(const CampaignOptions& options);

// How many of the coverage marks were reached at least once.
std::uint64_t marks_reached(const oracle::CoverageMarks& marks);

}  // namespace aion::cli
