#include "sim/cli/unit_runner.h"

#include <utility>

#include "sim/lifecycle/case_determinism.h"

namespace aion::cli {
namespace {

RunOutcome outcome_of(const CampaignPlan& plan, const lifecycle::LifecycleCase& c,
                      const lifecycle::CaseResult& result) {
  RunOutcome outcome;
  outcome.trace_hash = result.run.trace_hash;
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

}  // namespace

UnitRunner::UnitRunner() = default;
UnitRunner::~UnitRunner() = default;

lifecycle::CaseOptions UnitRunner::options_of(const CampaignPlan& plan) const {
  lifecycle::CaseOptions options;
  options.runtime.defects = plan.defects;
  options.max_steps = plan.max_steps;
  options.step_beacon = beacon_;
  return options;
}

UnitEnd UnitRunner::run(const CampaignPlan& plan, std::uint64_t unit, std::uint64_t max_runs,
                        const std::function<bool(RunOutcome&&)>& emit, const Starting& starting) {
  if (plan.exhaustive()) return explore_exhaustively(plan, unit, max_runs, emit, starting);
  const lifecycle::LifecycleCase c = case_of(plan, unit);
  if (starting) starting(c);
  const lifecycle::CaseOptions options = options_of(plan);
  const lifecycle::CaseResult result = runner_.run(c, options);
  RunOutcome outcome = outcome_of(plan, c, result);
  if (plan.determinism_every != 0 && unit % plan.determinism_every == 0) {
    outcome.determinism_checked = true;
    const std::string parted = lifecycle::nondeterminism(runner_, c, options, result);
    if (!parted.empty()) {
      outcome.broken.push_back(oracle::Invariant::kDeterministic);
      outcome.headlines.push_back(parted);
      if (!outcome.failure) {
        outcome.failure = finding_of(c, result);
        outcome.failure->defects = plan.defects;
        outcome.failure->invariant =
            std::string(oracle::invariant_name(oracle::Invariant::kDeterministic));
        outcome.failure->headline = parted;
      }
    }
  }
  emit(std::move(outcome));
  return {};
}

UnitEnd UnitRunner::explore_exhaustively(const CampaignPlan& plan, std::uint64_t unit,
                                         std::uint64_t max_runs,
                                         const std::function<bool(RunOutcome&&)>& emit,
                                         const Starting& starting) {
  sim::ExhaustiveExplorer explorer(std::get<Exhaustive>(plan.strategy).max_preemptions);
  explorer.set_mirror(mirror_);
  if (resume_) {
    explorer.resume_after(resume_->path, resume_->runs);
    resume_.reset();
  }
  lifecycle::LifecycleCase c;
  c.scenario = scenario_of(plan, unit);
  // The explorer needs every run of the scenario on the same seed: the fault
  // streams then depend on the schedule alone.
  c.seed = unit_seed(plan.seed, unit);
  while (!explorer.exhausted() && explorer.runs() < max_runs) {
    if (starting) {
      lifecycle::LifecycleCase next = c;
      next.choices = explorer.next_prefix();
      starting(next);
    }
    const lifecycle::CaseResult result = runner_.run_with(c, explorer.strategy(), options_of(plan));
    explorer.advance();
    // A failing schedule is saved as the generated case that follows it.
    const lifecycle::LifecycleCase followed =
        result.failed() ? lifecycle::as_generated(c, result.run.schedule) : c;
    if (!emit(outcome_of(plan, followed, result))) break;
  }
  return {explorer.exhausted(), explorer.nondeterminism()};
}

}  // namespace aion::cli
