#include "sim/cli/campaign_plan.h"

#include <vector>

#include "sim/engine/hash.h"
#include "sim/engine/rng.h"
#include "sim/lifecycle/program_runs.h"
#include "sim/scenario/scenario_sampler.h"

namespace aion::cli {
namespace {

// Lenient choice lists as the property generators draw them: up to 400
// values below 4, taken modulo the enabled fibers at each decision.
constexpr std::uint64_t kMaxChoices = 400;
constexpr std::uint32_t kChoiceValues = 4;

}  // namespace

std::uint64_t unit_seed(std::uint64_t campaign_seed, std::uint64_t unit) {
  return sim::mix64(campaign_seed ^ sim::mix64(unit + 0x9e3779b97f4a7c15ULL));
}

scenario::Scenario scenario_of(const CampaignPlan& plan, std::uint64_t unit) {
  if (plan.scenario) return *plan.scenario;
  static const scenario::Profile mix = scenario::builtin_mix();
  return scenario::sample_scenario(mix, unit_seed(plan.seed, unit));
}

lifecycle::LifecycleCase case_of(const CampaignPlan& plan, std::uint64_t unit) {
  lifecycle::LifecycleCase c;
  c.scenario = scenario_of(plan, unit);
  if (!plan.strategy.systematic()) c.strategy = plan.strategy;
  c.seed = unit_seed(plan.seed, unit);
  if (plan.strategy.kind->takes_choices) {
    sim::Rng rng(sim::derive_seed(c.seed, "choices"));
    c.choices.resize(rng.below(kMaxChoices + 1));
    for (auto& choice : c.choices) choice = static_cast<std::uint32_t>(rng.below(kChoiceValues));
  }
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
