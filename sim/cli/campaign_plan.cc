#include "sim/cli/campaign_plan.h"

#include <vector>

#include "sim/engine/hash.h"
#include "sim/lifecycle/case_decoder.h"
#include "sim/lifecycle/program_runs.h"

namespace aion::cli {

std::uint64_t unit_seed(std::uint64_t campaign_seed, std::uint64_t unit) {
  return sim::mix64(campaign_seed ^ sim::mix64(unit + 0x9e3779b97f4a7c15ULL));
}

lifecycle::LifecycleCase case_of(const CampaignPlan& plan, std::uint64_t unit) {
  static const scenario::Profile mix = scenario::builtin_mix();
  lifecycle::SeededCaseSource source(unit_seed(plan.seed, unit));
  lifecycle::DecodeOptions options;
  if (plan.scenario) options.fixed_scenario = &*plan.scenario;
  options.choices = plan.strategy.kind->takes_choices;
  lifecycle::LifecycleCase c = lifecycle::decode_case(source, mix, options);
  if (!plan.strategy.systematic()) c.strategy = plan.strategy;
  return c;
}

sim::StrategySpec calibrated(const CampaignPlan& plan, bool isolate,
                             std::chrono::milliseconds watchdog) {
  if (plan.strategy.is_complete()) return plan.strategy;
  std::vector<lifecycle::LifecycleCase> programs;
  for (std::uint64_t unit = 0; unit < lifecycle::kCalibrationRuns; ++unit) {
    programs.push_back(case_of(plan, unit));
  }
  lifecycle::CaseOptions options;
  options.runtime.defects = plan.defects;
  options.max_steps = plan.max_steps;
  options.isolate = isolate;
  options.watchdog = watchdog;
  lifecycle::CaseRunner runner;
  return lifecycle::calibrate(runner, plan.strategy, programs, options);
}

}  // namespace aion::cli
