#include "sim/cli/campaign_flags.h"

#include "sim/cli/flag_values.h"
#include "sim/lifecycle/case_runner.h"

namespace aion::cli {
namespace {

constexpr double kDefaultSeconds = 60;
constexpr std::uint64_t kMaxJobs = 256;
constexpr std::uint64_t kMaxStepBudget = 1'000'000'000;

}  // namespace

void read_campaign_flags(const CommandLine& line, Budget& budget, unsigned& jobs,
                         CampaignPlan& plan) {
  if (const auto* runs = line.value("--runs")) {
    budget.runs = parse_whole("--runs", *runs, 1, UINT64_MAX);
  }
  if (const auto* seconds = line.value("--seconds")) {
    budget.seconds = parse_seconds("--seconds", *seconds);
  }
  if (!budget.runs && !budget.seconds) budget.seconds = kDefaultSeconds;
  const auto* given_jobs = line.value("--jobs");
  jobs = given_jobs ? static_cast<unsigned>(parse_whole("--jobs", *given_jobs, 1, kMaxJobs))
                    : default_jobs();
  const auto* seed = line.value("--seed");
  plan.seed = seed ? parse_whole("--seed", *seed, 0, UINT64_MAX) : fresh_seed();
  if (const auto* shard = line.value("--shard")) {
    parse_shard("--shard", *shard, plan.shard_index, plan.shard_count);
  }
  if (const auto* defects = line.value("--defects")) {
    plan.defects = parse_defects("--defects", *defects);
  }
  if (const auto* steps = line.value("--max-steps")) {
    plan.max_steps = parse_whole("--max-steps", *steps, 1, kMaxStepBudget);
  }
}

std::chrono::milliseconds read_watchdog(const CommandLine& line) {
  const auto* watchdog = line.value("--watchdog");
  if (watchdog == nullptr) return lifecycle::CaseOptions{}.watchdog;
  return std::chrono::milliseconds(
      static_cast<std::int64_t>(parse_seconds("--watchdog", *watchdog) * 1000));
}

}  // namespace aion::cli
