#include "sim/lifecycle/lifecycle_case.h"

#include "sim/engine/strategy_registry.h"

namespace aion::lifecycle {

std::variant<sim::StrategySpec, std::string> parse_case_strategy(const std::string& text) {
  auto parsed = sim::parse_strategy(text);
  if (const auto* spec = std::get_if<sim::StrategySpec>(&parsed); spec && spec->systematic()) {
    return "strategy " + text +
           " explores a scenario run after run; a case is one run, saved as generated choices";
  }
  return parsed;
}

}  // namespace aion::lifecycle
