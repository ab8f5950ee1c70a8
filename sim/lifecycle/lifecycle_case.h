// LifecycleCase: one fully determined lifecycle test: a scenario, the
// strategy that schedules it, the run's seed (which also drives the fault
// streams), and, for generated schedules, the choice list the strategy
// follows. Running the same case on the same build gives the same run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/scenario.h"

namespace aion::lifecycle {

enum class StrategyKind : std::uint8_t {
  kGenerated,  // follow `choices` (lenient replay), then keep the current fiber
  kRandom,     // random walk from the seed
  kPct,        // PCT with `depth` and step estimate `steps`, from the seed
};

struct StrategySpec {
  StrategyKind kind = StrategyKind::kGenerated;
  std::uint32_t depth = 3;
  std::uint64_t steps = 100;  // about the decisions a builtin-mix scenario takes

  // "generated", "random", "pct:3" or "pct:3:1000".
  std::string describe() const;
  static std::optional<StrategySpec> parse(const std::string& text);

  bool operator==(const StrategySpec&) const = default;
};

struct LifecycleCase {
  scenario::Scenario scenario;
  StrategySpec strategy;
  std::uint64_t seed = 0;
  std::vector<std::uint32_t> choices;

  bool operator==(const LifecycleCase&) const = default;
};

}  // namespace aion::lifecycle
