#include "sim/lifecycle/lifecycle_case.h"

#include "sim/scenario/whole_number.h"

namespace aion::lifecycle {
namespace {}  // namespace

std::string StrategySpec::describe() const {
  switch (kind) {
    case StrategyKind::kGenerated:
      return "generated";
    case StrategyKind::kRandom:
      return "random";
    case StrategyKind::kPct:
      return "pct:" + std::to_string(depth) + ":" + std::to_string(steps);
  }
  return "unknown";
}

std::optional<StrategySpec> StrategySpec::parse(const std::string& text) {
  StrategySpec spec;
  if (text == "generated") return spec;
  if (text == "random") {
    spec.kind = StrategyKind::kRandom;
    return spec;
  }
  if (text.rfind("pct:", 0) != 0) return std::nullopt;
  spec.kind = StrategyKind::kPct;
  const std::string_view rest = std::string_view(text).substr(4);
  const auto colon = rest.find(':');
  std::uint64_t depth = 0;
  if (!scenario::parse_whole_number(rest.substr(0, colon), depth) || depth < 1 || depth > 10)
    return std::nullopt;
  spec.depth = static_cast<std::uint32_t>(depth);
  if (colon != std::string_view::npos &&
      (!scenario::parse_whole_number(rest.substr(colon + 1), spec.steps) || spec.steps < 1 ||
       spec.steps > 100'000'000)) {
    return std::nullopt;
  }
  return spec;
}

}  // namespace aion::lifecycle
