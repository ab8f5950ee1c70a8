#include "sim/lifecycle/case_runner.h"

#include <algorithm>
#include <stdexcept>

#include "sim/engine/strategy_registry.h"
#include "sim/lifecycle/result_wire.h"
#include "sim/oracle/lifecycle_oracle.h"
#include "sim/sandbox/child_process.h"
#include "sim/sandbox/frames.h"
#include "sim/scenario/scenario_runner.h"

namespace aion::lifecycle {
namespace {

oracle::Invariant finding_invariant(sim::Outcome outcome) {
  switch (outcome) {
    case sim::Outcome::kPassed:
      break;
    case sim::Outcome::kDeadlock:
      return oracle::Invariant::kNoOperationBlocksForever;
    case sim::Outcome::kStepBudgetExceeded:
      return oracle::Invariant::kStepBudget;
    case sim::Outcome::kLongRun:
      return oracle::Invariant::kLongRun;
    case sim::Outcome::kLivelock:
      return oracle::Invariant::kLivelock;
    case sim::Outcome::kTimeBudgetExceeded:
      return oracle::Invariant::kTimeBudget;
    case sim::Outcome::kException:
      return oracle::Invariant::kNoException;
    case sim::Outcome::kCheckFailed:
      return oracle::Invariant::kCheck;
    case sim::Outcome::kDivergence:
      return oracle::Invariant::kReplayDivergence;
    case sim::Outcome::kCrashed:
      return oracle::Invariant::kCrashed;
    case sim::Outcome::kHung:
      return oracle::Invariant::kHung;
  }
  return oracle::Invariant::kCheck;
}

sim::FaultPlan plan_for(const scenario::FaultRates& rates) {
  sim::FaultPlan plan;
  plan.set(sim::FaultSite::kThreadStartFails, rates.thread_start_fails / 1000.0);
  plan.set(sim::FaultSite::kWakeupDelayed, rates.wakeup_delayed / 1000.0);
  plan.set(sim::FaultSite::kExtraYield, rates.extra_yield / 1000.0);
  plan.set(sim::FaultSite::kSpuriousWakeup, rates.spurious_wakeup / 1000.0);
  return plan;
}

}  // namespace

std::optional<oracle::Invariant> CaseResult::broken() const {
  if (!run.passed()) return finding_invariant(run.outcome);
  if (violations.empty()) return std::nullopt;
  return violations.front().invariant;
}

std::vector<oracle::Invariant> CaseResult::all_broken() const {
  std::vector<oracle::Invariant> broken;
  if (!run.passed()) broken.push_back(finding_invariant(run.outcome));
  for (const oracle::Violation& violation : violations) {
    if (std::find(broken.begin(), broken.end(), violation.invariant) == broken.end()) {
      broken.push_back(violation.invariant);
    }
  }
  return broken;
}

std::string CaseResult::invariant() const {
  const auto invariant = broken();
  return invariant ? std::string(oracle::invariant_name(*invariant)) : std::string();
}

std::string CaseResult::headline() const {
  if (!run.passed()) {
    const std::string what = run.outcome == sim::Outcome::kDeadlock
                                 ? "an operation blocked forever (deadlock): "
                                 : std::string(sim::outcome_name(run.outcome)) + ": ";
    return what + run.message;
  }
  return violations.empty() ? "" : violations.front().sentence;
}

bool CaseResult::breaks(std::string_view invariant) const {
  const std::vector<oracle::Invariant> all = all_broken();
  return std::any_of(all.begin(), all.end(),
                     [&](oracle::Invariant i) { return oracle::invariant_name(i) == invariant; });
}

std::string CaseResult::headline_of(std::string_view invariant) const {
  if (!run.passed() && oracle::invariant_name(finding_invariant(run.outcome)) == invariant) {
    return headline();
  }
  for (const oracle::Violation& violation : violations) {
    if (oracle::invariant_name(violation.invariant) == invariant) return violation.sentence;
  }
  return "";
}

CaseRunner::CaseRunner() = default;

CaseRunner::~CaseRunner() = default;

CaseResult CaseRunner::run(const LifecycleCase& c, const CaseOptions& options) {
  const std::unique_ptr<sim::Strategy> strategy =
      sim::build_strategy(c.strategy, {c.choices, c.seed});
  return run_with(c, *strategy, options);
}

CaseResult CaseRunner::run_with(const LifecycleCase& c, sim::Strategy& strategy,
                                const CaseOptions& options) {
  return options.isolate ? run_in_child(c, strategy, options) : run_here(c, strategy, options);
}

sim::RunResult run_that_died(const sandbox::Ending& ending, std::uint64_t steps,
                             const std::string& strategy, std::uint64_t seed) {
  std::string how = ending.describe();
  const std::string said = ending.stderr_headline();
  if (!said.empty()) how += " (" + said + ")";
  sim::RunResult run;
  run.outcome = ending.watchdog ? sim::Outcome::kHung : sim::Outcome::kCrashed;
  run.steps = steps;
  run.strategy = strategy;
  run.seed = seed;
  run.message = "the run's process " + how + " after scheduling point " + std::to_string(steps);
  return run;
}

CaseResult CaseRunner::run_in_child(const LifecycleCase& c, sim::Strategy& strategy,
                                    const CaseOptions& options) {
  shared_beacon_->store(0);
  CaseOptions inner = options;
  inner.isolate = false;
  inner.step_beacon = shared_beacon_.get();
  auto ran = sandbox::run_in_child(
      [&](int fd) { sandbox::write_frame(fd, encode_result(run_here(c, strategy, inner))); },
      options.watchdog);
  if (auto* error = std::get_if<std::string>(&ran)) {
    throw std::runtime_error("cannot run a case in a child process: " + *error);
  }
  const sandbox::ChildRun& child = std::get<sandbox::ChildRun>(ran);
  if (child.ending.clean() && child.frames.size() == 1) {
    if (auto result = decode_result(child.frames.front())) return std::move(*result);
  }
  CaseResult died;
  died.run = run_that_died(child.ending, shared_beacon_->load(), strategy.describe(), c.seed);
  return died;
}

CaseResult CaseRunner::run_here(const LifecycleCase& c, sim::Strategy& strategy,
                                const CaseOptions& options) {
  sim::RunOptions run_options;
  run_options.seed = c.seed;
  run_options.strategy = &strategy;
  run_options.faults = plan_for(c.scenario.config.faults);
  run_options.max_steps = options.max_steps;
  run_options.livelock_steps = options.livelock_steps;
  run_options.step_beacon = options.step_beacon;
  run_options.decision_mirror = options.decision_mirror;
  run_options.abandon_at_end = options.abandon_at_end;
  run_options.record_trace = options.record_trace;
  scenario::RunnerOptions runner_options;
  runner_options.runtime = options.runtime;
  CaseResult result;
  result.run = simulator_.run(
      [&](platform::Platform& platform) {
        result.record = scenario::run_scenario(platform, c.scenario, runner_options);
      },
      run_options);
  // A run the simulator stopped is judged too, as far as it got: what broke on
  // the way to a hang tells what went wrong.
  if (result.run.outcome != sim::Outcome::kDivergence) {
    result.violations = options.judge ? options.judge(c.scenario, result.record)
                                      : oracle::judge(c.scenario, result.record);
  }
  if (result.run.passed()) result.marks = oracle::marks_of(result.record);
  return result;
}

std::vector<std::uint32_t> choices_of(const sim::Schedule& schedule) {
  std::vector<std::uint32_t> choices;
  for (const sim::Choice& choice : schedule) {
    if (choice.kind == sim::ChoiceKind::kSchedule) choices.push_back(choice.value);
  }
  return choices;
}

LifecycleCase as_generated(const LifecycleCase& lifecycle_case, const sim::Schedule& schedule) {
  LifecycleCase generated = lifecycle_case;
  generated.strategy = {&sim::generated_strategy_kind(), {}};
  generated.choices = choices_of(schedule);
  return generated;
}

}  // namespace aion::lifecycle
