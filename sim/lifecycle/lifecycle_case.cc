#include "sim/lifecycle/lifecycle_case.h"

#include <charconv>

namespace aion::lifecycle {
namespace {

bool parse_number(std::string_view text, std::uint64_t& value) {
  if (text.empty()) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

}  // namespace

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
  if (!parse_number(rest.substr(0, colon), depth) || depth < 1 || depth > 10) return std::nullopt;
  spec.depth = static_cast<std::uint32_t>(depth);
  if (colon != std::string_view::npos && (!parse_number(rest.substr(colon + 1), spec.steps) ||
                                          spec.steps < 1 || spec.steps > 100'000'000)) {
    return std::nullopt;
  }
  return spec;
}

}  // namespace aion::lifecycle
