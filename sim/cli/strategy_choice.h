// The --strategy flag: how runs are scheduled. `random`, `pct:D[:K]` and
// `generated` are StrategySpecs that a LifecycleCase (and so a failure file)
// records; `exhaustive:K` is the engine's ExhaustiveExplorer with at most K
// preemptions, which walks every schedule of a scenario and is a way of
// exploring, not a property of one case.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

#include "sim/lifecycle/lifecycle_case.h"

namespace aion::cli {

struct Exhaustive {
  std::uint32_t max_preemptions = 0;
};

using StrategyChoice = std::variant<lifecycle::StrategySpec, Exhaustive>;

// PCT's change points are drawn over this many decisions unless `pct:D:K`
// says otherwise: about what a scenario of the builtin mix takes.
inline constexpr std::uint64_t kPctDecisionEstimate = 100;

StrategyChoice parse_strategy(const std::string& text);
std::string describe(const StrategyChoice& choice);

}  // namespace aion::cli
