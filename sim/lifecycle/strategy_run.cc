#include "sim/lifecycle/strategy_run.h"

#include "sim/oracle/lifecycle_oracle.h"
#include "sim/scenario/scenario_runner.h"

namespace aion::lifecycle {
namespace {

// The same plan CaseRunner derives; a strategy that dictates faults ignores it.
sim::FaultPlan plan_for(const scenario::FaultRates& rates) {
  sim::FaultPlan plan;
  plan.set(sim::FaultSite::kThreadStartFails, rates.thread_start_fails / 1000.0);
  plan.set(sim::FaultSite::kWakeupDelayed, rates.wakeup_delayed / 1000.0);
  plan.set(sim::FaultSite::kExtraYield, rates.extra_yield / 1000.0);
  plan.set(sim::FaultSite::kSpuriousWakeup, rates.spurious_wakeup / 1000.0);
  return plan;
}

}  // namespace

CaseResult run_with_strategy(sim::Simulator& simulator, const scenario::Scenario& scenario,
                             std::uint64_t seed, sim::Strategy& strategy,
                             const CaseOptions& options) {
  sim::RunOptions run_options;
  run_options.seed = seed;
  run_options.strategy = &strategy;
  run_options.faults = plan_for(scenario.config.faults);
  run_options.max_steps = options.max_steps;
  run_options.record_trace = options.record_trace;
  scenario::RunnerOptions runner_options;
  runner_options.runtime = options.runtime;
  CaseResult result;
  result.run = simulator.run(
      [&](platform::Platform& platform) {
        result.record = scenario::run_scenario(platform, scenario, runner_options);
      },
      run_options);
  if (result.run.passed()) {
    result.violations = options.judge ? options.judge(scenario, result.record)
                                      : oracle::judge(scenario, result.record);
    result.marks = oracle::marks_of(result.record);
  }
  return result;
}

}  // namespace aion::lifecycle
