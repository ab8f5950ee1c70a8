// The strategies by name. One place parses a strategy's text form, bounds its parameters and
// builds it: the command line, failure files, properties and the zoo all go through here, and
// --help, the zoo's columns and the README's list come from strategy_kinds().
//
// Adding a strategy: its own file defines the strategy and its StrategyKind (strategy_kind.h),
// and one line of the table in strategy_registry.cc names it; a test or a user's own build
// calls add_strategy_kind() instead.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/engine/strategy.h"
#include "sim/engine/strategy_kind.h"

namespace aion::sim {

// Every strategy, in the order --help lists them.
std::span<const StrategyKind* const> strategy_kinds();
// Adds a strategy that the table does not name; `kind` must outlive every use of the
// registry, and its name must be new. Not safe against concurrent use of the registry.
void add_strategy_kind(const StrategyKind& kind);

// The form `text` names, or one line saying what is wrong with it (without a prefix: the
// caller says where the text came from).
std::variant<StrategySpec, std::string> parse_strategy(std::string_view text);
// parse_strategy(text), which must succeed: for forms written in code.
StrategySpec strategy_named(std::string_view text);

std::unique_ptr<Strategy> build_strategy(const StrategySpec& spec,
                                         const StrategyInputs& inputs = {});

// The forms the strategies ask to be compared in (StrategyKind::zoo_forms), in table order:
// the columns of the zoo and of the classic-bug suite.
std::vector<StrategySpec> compared_forms();

// "random, pct:D[:K], pos[:S], exhaustive:K, delay:K, por or generated".
std::string strategy_grammars();

}  // namespace aion::sim
