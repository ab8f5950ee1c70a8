#include "sim/lifecycle/step_budget.h"

#include <algorithm>

namespace aion::lifecycle {

std::optional<std::uint64_t> steps_to_finish(CaseRunner& runner, const LifecycleCase& c,
                                             CaseOptions options, std::uint64_t ceiling) {
  while (options.max_steps < ceiling) {
    options.max_steps = std::min(ceiling, options.max_steps * 2);
    const CaseResult result = runner.run(c, options);
    if (result.run.outcome != sim::Outcome::kLongRun) return result.run.steps;
  }
  return std::nullopt;
}

std::uint64_t suggested_budget(std::uint64_t steps) {
  std::uint64_t budget = steps + steps / 4;
  std::uint64_t unit = 1;
  while (budget / unit >= 100) unit *= 10;
  return (budget + unit - 1) / unit * unit;
}

}  // namespace aion::lifecycle
