#include "sim/cli/strategy_choice.h"

#include "sim/cli/cli_error.h"
#include "sim/cli/flag_values.h"

namespace aion::cli {

StrategyChoice parse_strategy(const std::string& text) {
  if (text == "random" || text == "generated") return *lifecycle::StrategySpec::parse(text);
  if (text.rfind("exhaustive:", 0) == 0) {
    const auto bound = parse_whole("--strategy exhaustive:K (preemptions)", text.substr(11), 0, 3);
    return Exhaustive{static_cast<std::uint32_t>(bound)};
  }
  if (text.rfind("pct:", 0) == 0) {
    const std::string rest = text.substr(4);
    const auto colon = rest.find(':');
    lifecycle::StrategySpec spec;
    spec.kind = lifecycle::StrategyKind::kPct;
    spec.depth = static_cast<std::uint32_t>(
        parse_whole("--strategy pct:D (depth)", rest.substr(0, colon), 1, 10));
    spec.steps = colon == std::string::npos ? kPctDecisionEstimate
                                            : parse_whole("--strategy pct:D:K (decisions)",
                                                          rest.substr(colon + 1), 1, 100'000'000);
    return spec;
  }
  throw UsageError("--strategy is random, pct:D, exhaustive:K or generated, not '" + text + "'");
}

std::string describe(const StrategyChoice& choice) {
  if (const auto* exhaustive = std::get_if<Exhaustive>(&choice)) {
    return "exhaustive:" + std::to_string(exhaustive->max_preemptions);
  }
  return std::get<lifecycle::StrategySpec>(choice).describe();
}

}  // namespace aion::cli
