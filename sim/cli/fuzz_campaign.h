// A guided fuzzing campaign: cases are run, each run's features (lifecycle/run_features.h)
// are compared with every earlier run's, and a case that yields a new one joins the corpus.
// A campaign that starts from nothing runs fresh cases of the builtin mix first (as explore
// draws them: its seed corpus); then half the runs are mutants (lifecycle/case_mutator.h) of
// a corpus case, half of those of one of the cases that found something most recently (their
// energy), and the rest fresh cases. Blind (guided = false), every run is a fresh case and
// nothing is kept: the same budget, for comparison; guided and blind draw the same fresh
// cases in the same order.
//
// With one job and a run budget the campaign depends on its seed and its starting corpus
// alone. With several jobs the workers share one corpus, so what each mutates depends on
// timing, as with libFuzzer's -jobs: every finding still replays from its file.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/cli/campaign.h"
#include "sim/cli/campaign_plan.h"
#include "sim/cli/finding.h"
#include "sim/cli/fuzz_corpus.h"

namespace aion::cli {

// Features and findings after so many runs and seconds: the campaign's curve.
struct FuzzPoint {
  double seconds = 0;
  std::uint64_t runs = 0;
  std::uint64_t features = 0;
  std::uint64_t findings = 0;
};

struct FuzzStats {
  std::uint64_t runs = 0;
  std::uint64_t failing_runs = 0;
  std::uint64_t features = 0;
  std::uint64_t corpus = 0;              // cases in the corpus now
  std::uint64_t loaded = 0;              // of them, read from the folder at the start
  std::uint64_t mutants = 0;             // runs of mutated cases (the rest were fresh)
  std::uint64_t new_in_last_minute = 0;  // features (since the start, in the first minute)
  double seconds = 0;
  std::vector<Finding> findings;  // the first failing run of each invariant, as found
  std::vector<FuzzPoint> curve;   // a point every half second, and the last
  StopReason stopped = StopReason::kRuns;
};

struct FuzzOptions {
  CampaignPlan plan;  // seed, defects, max steps, shard; the mix's scenarios
  Budget budget;
  unsigned jobs = 1;
  bool guided = true;
  FuzzCorpus* corpus = nullptr;  // where new cases are written; none: in memory only
  // Where the case a worker was running is written if the process dies of a fatal signal
  // while it runs (sim/sandbox/crash_guard.h): crashed-worker<N>.aionfail, or hung-worker<N>
  // when it outlives the watchdog; empty: not guarded.
  std::string crash_dir;
  std::chrono::milliseconds watchdog{10'000};  // one run's wall-clock time before it is hung
  // The corpus of earlier campaigns (FuzzCorpus::load), run first when guided.
  std::vector<lifecycle::LifecycleCase> starting_corpus;
  std::function<bool()> stop_requested;
  std::function<void(const FuzzStats&)> on_progress;
  // Each distinct finding, on the calling thread, as soon as it is found.
  std::function<void(const Finding&, const FuzzStats&)> on_finding;
  double progress_interval = 0.2;
};

FuzzStats run_fuzz(const FuzzOptions& options);

}  // namespace aion::cli
