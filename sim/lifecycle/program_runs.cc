#include "sim/lifecycle/program_runs.h"

#include <memory>
#include <string>

#include "sim/engine/strategy_registry.h"

namespace aion::lifecycle {
namespace {

LifecycleCase planned_case(const LifecycleCase& program, const sim::Strategy& strategy,
                           bool systematic) {
  if (!systematic) return program;
  LifecycleCase planned = program;
  const std::string form = strategy.next_form();
  if (!form.empty()) {
    planned.strategy = sim::strategy_named(form);
    planned.choices.clear();
    return planned;
  }
  planned.strategy = {&sim::generated_strategy_kind(), {}};
  planned.choices = strategy.next_choices();
  return planned;
}

// As the run printed its strategy, with every parameter it used (RunResult::strategy).
LifecycleCase replaying_case(const LifecycleCase& program, const sim::StrategySpec& spec,
                             const CaseResult& result) {
  if (spec.systematic()) return as_generated(program, result.run.schedule);
  LifecycleCase replaying = program;
  replaying.strategy = sim::strategy_named(result.run.strategy);
  return replaying;
}

}  // namespace

ProgramEnd run_program(CaseRunner& runner, const sim::StrategySpec& spec,
                       const LifecycleCase& program, const CaseOptions& options,
                       std::uint64_t max_runs, const ProgramCallbacks& callbacks,
                       const std::optional<ProgramResume>& resume) {
  const std::unique_ptr<sim::Strategy> strategy =
      sim::build_strategy(spec, {program.choices, program.seed});
  const bool systematic = spec.systematic();
  ProgramEnd end;
  if (resume) {
    strategy->resume_after_death(resume->decisions, resume->runs);
    end.runs = resume->runs;
  }
  while (end.runs < max_runs && strategy->wants_run(end.runs)) {
    if (callbacks.starting) callbacks.starting(planned_case(program, *strategy, systematic));
    const CaseResult result = runner.run_with(program, *strategy, options);
    ++end.runs;
    if (!callbacks.ran(replaying_case(program, spec, result), result)) break;
  }
  end.covered = strategy->covered();
  end.warning = strategy->warning();
  return end;
}

sim::StrategySpec calibrate(CaseRunner& runner, const sim::StrategySpec& spec,
                            std::span<const LifecycleCase> programs, const CaseOptions& options) {
  if (spec.is_complete()) return spec;
  std::vector<std::uint64_t> decisions;
  for (const LifecycleCase& program : programs) {
    const std::unique_ptr<sim::Strategy> strategy =
        sim::build_strategy(spec, {program.choices, program.seed});
    const CaseResult result = runner.run_with(program, *strategy, options);
    if (!result.died()) decisions.push_back(choices_of(result.run.schedule).size());
  }
  return spec.kind->calibrate(spec, decisions);
}

}  // namespace aion::lifecycle
