// LifecycleCase: one fully determined lifecycle test: a scenario, the
// strategy that schedules it (a sampling strategy's text form, from the
// registry), the run's seed (which also drives the fault streams), and, for
// generated schedules, the choice list the strategy follows. Running the same
// case on the same build gives the same run.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "sim/engine/replay_strategy.h"
#include "sim/engine/strategy_kind.h"
#include "sim/scenario/scenario.h"

namespace aion::lifecycle {

struct LifecycleCase {
  scenario::Scenario scenario;
  sim::StrategySpec strategy{&sim::generated_strategy_kind(), {}};
  std::uint64_t seed = 0;
  std::vector<std::uint32_t> choices;

  bool operator==(const LifecycleCase&) const = default;
};

// The strategy a case may name (a failure file's `strategy` line): a sampling strategy of the
// registry, whose runs replay from the seed; or one line saying why `text` is not one.
std::variant<sim::StrategySpec, std::string> parse_case_strategy(const std::string& text);

}  // namespace aion::lifecycle
