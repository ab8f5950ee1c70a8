#include "sim/cli/strategy_list.h"

#include <algorithm>

#include "sim/engine/strategy_registry.h"

namespace aion::cli {
namespace {

std::string kind_of(const sim::StrategyKind& kind) {
  return kind.systematic ? "systematic" : "sampling";
}

}  // namespace

std::string strategies_help() {
  std::string text;
  for (const sim::StrategyKind* kind : sim::strategy_kinds()) {
    std::string grammar = kind->grammar();
    grammar.resize(std::max<std::size_t>(grammar.size() + 2, 16), ' ');
    text += "  " + grammar + std::string(kind->summary) + "\n";
  }
  return text;
}

std::string strategies_markdown() {
  std::string text =
      "| strategy | runs a scenario | parameters | what it does |\n"
      "|---|---|---|---|\n";
  for (const sim::StrategyKind* kind : sim::strategy_kinds()) {
    std::string parameters;
    for (const sim::StrategyParameter& parameter : kind->parameters) {
      if (!parameters.empty()) parameters += "; ";
      parameters += std::string(parameter.letter) + ": " + std::string(parameter.meaning) + ", " +
                    std::to_string(parameter.min) + "-" + std::to_string(parameter.max) +
                    (parameter.optional ? " (optional)" : "");
    }
    text += "| `" + kind->grammar() + "` | " +
            (!kind->systematic ? "once per seed"
             : kind->covers    ? "until covered"
                               : "up to its runs") +
            " (" + kind_of(*kind) + ") | " + (parameters.empty() ? "-" : parameters) + " | " +
            std::string(kind->summary) + " |\n";
  }
  return text;
}

}  // namespace aion::cli
