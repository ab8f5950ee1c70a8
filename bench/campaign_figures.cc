#include "bench/campaign_figures.h"

#include <chrono>
#include <cstdio>
#include <vector>

#include "sim/cli/campaign.h"
#include "sim/cli/distinct_hashes.h"
#include "sim/engine/engine_figures.h"
#include "sim/engine/hash.h"
#include "sim/lifecycle/case_shrinker.h"
#include "sim/scenario/scenario_text.h"

namespace aion::bench {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::uint64_t kCampaignRuns = 20'000;
constexpr int kLongScenarioOps = 10'000;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double campaign_runs_per_second(bool isolate) {
  cli::CampaignOptions options;
  options.plan.seed = 1;
  options.budget.runs = kCampaignRuns;
  options.jobs = 1;
  options.isolate = isolate;
  const auto start = Clock::now();
  const cli::CampaignStats stats = cli::run_campaign(options);
  return static_cast<double>(stats.runs) / seconds_since(start);
}

// A scenario that fails by its last operation alone (a never-spawned refusal in the wrong
// words), behind 10,000 that do not matter.
lifecycle::LifecycleCase long_failing_case() {
  std::string text = "config schedulers=1 tombstones=2\nprefix\n  spawn complete  # p0\nbranch\n";
  for (int i = 0; i < kLongScenarioOps - 1; ++i) text += i % 2 ? "  counts\n" : "  is_live p0\n";
  text += "  monitor 999999\n";
  lifecycle::LifecycleCase c;
  c.scenario = std::get<scenario::Scenario>(scenario::parse(text));
  c.seed = 1;
  return c;
}

}  // namespace

void print_campaign_figures(int repetitions) {
  std::vector<double> threads, processes, ratios;
  for (int i = 0; i < repetitions; ++i) {
    threads.push_back(campaign_runs_per_second(false));
    processes.push_back(campaign_runs_per_second(true));
    ratios.push_back(processes.back() / threads.back());
  }
  std::printf("in-process campaign:  %8.0f runs per second (1 job, builtin mix)\n",
              sim::median(threads));
  std::printf("isolated campaign:    %8.0f runs per second (worker processes, batches of %llu)\n",
              sim::median(processes),
              static_cast<unsigned long long>(cli::CampaignOptions{}.batch));
  std::printf("isolated / in-process: %7.2f (median ratio of runs per second; below 1 is a cost)\n",
              sim::median(ratios));

  cli::DistinctHashes hashes;
  std::uint64_t inserted = 0;
  for (const std::uint64_t until : {10'000ULL, 1'000'000ULL, 10'000'000ULL}) {
    for (; inserted < until; ++inserted) hashes.insert(sim::mix64(inserted));
    std::printf("distinct hashes after %9llu runs: counted %9llu (%s), %6llu KiB held\n",
                static_cast<unsigned long long>(until),
                static_cast<unsigned long long>(hashes.size()),
                hashes.exact() ? "exact" : "estimated",
                static_cast<unsigned long long>(hashes.bytes() / 1024));
  }

  const lifecycle::LifecycleCase failing = long_failing_case();
  lifecycle::CaseOptions options;
  options.runtime.defects = runtime::RuntimeDefects::only(runtime::Defect::kVagueNeverSpawned);
  lifecycle::CaseRunner runner;
  const auto start = Clock::now();
  const lifecycle::ShrinkResult shrunk = lifecycle::shrink_case(runner, failing, options);
  std::printf("shrink of %d operations: %.2f s, %zu candidate runs, %zu operations left, %s\n",
              kLongScenarioOps, seconds_since(start), shrunk.runs,
              shrunk.smallest.scenario.operation_count(), shrunk.result.invariant().c_str());
}

}  // namespace aion::bench
