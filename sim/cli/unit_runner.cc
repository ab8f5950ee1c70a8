#include "sim/cli/unit_runner.h"

#include <utility>

#include "sim/lifecycle/case_determinism.h"

namespace aion::cli {
namespace {

RunOutcome outcome_of(const CampaignPlan& plan, const lifecycle::LifecycleCase& c,
                      const lifecycle::CaseResult& result) {
  RunOutcome outcome;
  outcome.class_hash = result.run.class_hash;
  outcome.steps = result.run.steps;
  outcome.marks = result.marks;
  outcome.broken = result.all_broken();
  for (const oracle::Invariant invariant : outcome.broken) {
    outcome.headlines.push_back(result.headline_of(oracle::invariant_name(invariant)));
  }
  if (result.failed()) {
    outcome.failure = finding_of(c, result);
    outcome.failure->defects = plan.defects;
  }
  return outcome;
}

// The case runs again and must give the same run.
void check_determinism(const CampaignPlan& plan, lifecycle::CaseRunner& runner,
                       const lifecycle::LifecycleCase& c, const lifecycle::CaseOptions& options,
                       const lifecycle::CaseResult& result, RunOutcome& outcome) {
  outcome.determinism_checked = true;
  const std::string parted = lifecycle::nondeterminism(runner, c, options, result);
  if (parted.empty()) return;
  outcome.broken.push_back(oracle::Invariant::kDeterministic);
  outcome.headlines.push_back(parted);
  if (outcome.failure) return;
  outcome.failure = finding_of(c, result);
  outcome.failure->defects = plan.defects;
  outcome.failure->invariant =
      std::string(oracle::invariant_name(oracle::Invariant::kDeterministic));
  outcome.failure->headline = parted;
}

}  // namespace

UnitRunner::UnitRunner() = default;
UnitRunner::~UnitRunner() = default;

lifecycle::CaseOptions UnitRunner::options_of(const CampaignPlan& plan) const {
  lifecycle::CaseOptions options;
  options.runtime.defects = plan.defects;
  options.max_steps = plan.max_steps;
  options.step_beacon = beacon_;
  options.decision_mirror = mirror_;
  return options;
}

UnitEnd UnitRunner::run(const CampaignPlan& plan, std::uint64_t unit, std::uint64_t max_runs,
                        const std::function<bool(RunOutcome&&)>& emit, const Starting& starting) {
  const lifecycle::LifecycleCase program = case_of(plan, unit);
  const lifecycle::CaseOptions options = options_of(plan);
  // A systematic search learns from every run of its program, so only a sampled run can be
  // run again alone.
  const bool check_this_unit = !plan.strategy.systematic() && plan.determinism_every != 0 &&
                               unit % plan.determinism_every == 0;
  lifecycle::ProgramCallbacks callbacks;
  callbacks.starting = starting;
  callbacks.ran = [&](const lifecycle::LifecycleCase& c, const lifecycle::CaseResult& result) {
    RunOutcome outcome = outcome_of(plan, c, result);
    if (check_this_unit) check_determinism(plan, runner_, c, options, result, outcome);
    return emit(std::move(outcome));
  };
  std::optional<lifecycle::ProgramResume> resume = std::move(resume_);
  resume_.reset();
  const lifecycle::ProgramEnd end =
      lifecycle::run_program(runner_, plan.strategy, program, options, max_runs, callbacks, resume);
  return {end.covered, end.warning};
}

}  // namespace aion::cli
