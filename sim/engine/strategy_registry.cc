#include "sim/engine/strategy_registry.h"

#include <charconv>
#include <stdexcept>

#include "sim/engine/dpor_explorer.h"
#include "sim/engine/exhaustive_explorer.h"
#include "sim/engine/guided_strategy.h"
#include "sim/engine/mix_strategy.h"
#include "sim/engine/pct_strategy.h"
#include "sim/engine/pos_strategy.h"
#include "sim/engine/random_strategy.h"
#include "sim/engine/replay_strategy.h"
#include "sim/engine/sleep_set_explorer.h"

namespace aion::sim {
namespace {

std::vector<const StrategyKind*>& table() {
  // One line per strategy, in the order --help lists them.
  // clang-format off
  static std::vector<const StrategyKind*> kinds = {
      &mix_strategy_kind(),
      &random_strategy_kind(),
      &pct_strategy_kind(),
      &pos_strategy_kind(),
      &exhaustive_strategy_kind(),
      &delay_strategy_kind(),
      &por_strategy_kind(),
      &dpor_strategy_kind(),
      &guided_strategy_kind(),
      &generated_strategy_kind(),
  };
  // clang-format on
  return kinds;
}

const StrategyKind* kind_named(std::string_view name) {
  for (const StrategyKind* kind : table()) {
    if (kind->name == name) return kind;
  }
  return nullptr;
}

std::string bounds_of(const StrategyParameter& parameter) {
  return "between " + std::to_string(parameter.min) + " and " + std::to_string(parameter.max);
}

}  // namespace

std::string StrategyKind::grammar() const {
  std::string text(name);
  for (const StrategyParameter& parameter : parameters) {
    text += parameter.optional ? "[:" : ":";
    text += parameter.letter;
    if (parameter.optional) text += "]";
  }
  return text;
}

std::string StrategySpec::text() const {
  std::string form(kind->name);
  for (const std::uint64_t value : values) form += ":" + std::to_string(value);
  return form;
}

bool StrategySpec::systematic() const { return kind->systematic; }

bool StrategySpec::is_complete() const {
  return !kind->calibrate || values.size() == kind->parameters.size();
}

std::span<const StrategyKind* const> strategy_kinds() { return table(); }

void add_strategy_kind(const StrategyKind& kind) {
  if (kind_named(kind.name) != nullptr) {
    throw std::logic_error("strategy '" + std::string(kind.name) + "' is registered twice");
  }
  table().push_back(&kind);
}

std::vector<StrategySpec> compared_forms() {
  std::vector<StrategySpec> forms;
  for (const StrategyKind* kind : strategy_kinds()) {
    for (const std::string_view form : kind->zoo_forms) forms.push_back(strategy_named(form));
  }
  return forms;
}

std::string strategy_grammars() {
  std::string text;
  const auto kinds = strategy_kinds();
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    if (i != 0) text += i + 1 == kinds.size() ? " or " : ", ";
    text += kinds[i]->grammar();
  }
  return text;
}

std::variant<StrategySpec, std::string> parse_strategy(std::string_view text) {
  const std::string_view name = text.substr(0, text.find(':'));
  const StrategyKind* kind = kind_named(name);
  if (kind == nullptr) {
    return "'" + std::string(text) + "' is not a strategy (" + strategy_grammars() + ")";
  }
  StrategySpec spec{kind, {}};
  std::string_view rest = text.substr(name.size());
  while (!rest.empty()) {
    rest.remove_prefix(1);  // the colon
    const std::string_view field = rest.substr(0, rest.find(':'));
    rest.remove_prefix(field.size());
    const std::size_t index = spec.values.size();
    if (index == kind->parameters.size()) {
      return "strategy " + kind->grammar() + " takes " + std::to_string(index) +
             (index == 1 ? " parameter" : " parameters") + ", not '" + std::string(text) + "'";
    }
    const StrategyParameter& parameter = kind->parameters[index];
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
    if (field.empty() || error != std::errc() || end != field.data() + field.size() ||
        value < parameter.min || value > parameter.max) {
      return "strategy " + kind->grammar() + ": " + std::string(parameter.letter) + " (" +
             std::string(parameter.meaning) + ") must be " + bounds_of(parameter) + ", not '" +
             std::string(field) + "'";
    }
    spec.values.push_back(value);
  }
  const std::size_t given = spec.values.size();
  if (given < kind->parameters.size() && !kind->parameters[given].optional) {
    const StrategyParameter& missing = kind->parameters[given];
    return "strategy " + kind->grammar() + " needs " + std::string(missing.letter) + " (" +
           std::string(missing.meaning) + ", " + bounds_of(missing) + "), not '" +
           std::string(text) + "'";
  }
  return spec;
}

StrategySpec strategy_named(std::string_view text) {
  auto parsed = parse_strategy(text);
  if (auto* error = std::get_if<std::string>(&parsed)) throw std::logic_error(*error);
  return std::get<StrategySpec>(std::move(parsed));
}

std::unique_ptr<Strategy> build_strategy(const StrategySpec& spec, const StrategyInputs& inputs) {
  return spec.kind->build(spec, inputs);
}

}  // namespace aion::sim
