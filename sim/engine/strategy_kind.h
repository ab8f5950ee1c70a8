// What the strategy registry knows of each strategy: its name, its parameters and their
// bounds, how it runs a program, and how to build it. A strategy's file defines its
// StrategyKind; strategy_registry.h parses text forms into StrategySpecs and builds them.
//
// A strategy's one text form is its name, then its parameters in order, each after a colon:
// `random`, `pct:3`, `pct:3:212`, `exhaustive:2`. Optional parameters come last; a strategy's
// describe() prints the form with every parameter its latest run used, so that the form a run
// printed builds a strategy that makes the same run (for sampling strategies, from the seed).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/engine/strategy.h"

namespace aion::sim {

struct StrategyParameter {
  std::string_view letter;   // as the grammar shows it: `D` in pct:D[:K]
  std::string_view meaning;  // "depth"
  std::uint64_t min = 0;
  std::uint64_t max = 0;
  bool optional = false;  // may be left out (only trailing parameters)
};

struct StrategyKind;

// A parsed text form: a kind and the parameters given, in order.
struct StrategySpec {
  const StrategyKind* kind = nullptr;
  std::vector<std::uint64_t> values;

  bool has(std::size_t parameter) const { return parameter < values.size(); }
  std::uint64_t value(std::size_t parameter) const { return values.at(parameter); }
  std::string text() const;
  bool systematic() const;
  // Nothing is left to learn: every parameter given, or none to be learned.
  bool is_complete() const;

  bool operator==(const StrategySpec&) const = default;
};

// What a case gives a strategy besides each run's seed.
struct StrategyInputs {
  std::span<const std::uint32_t> choices;  // for strategies that follow a choice list
  // The seed that every run of the program gets, for a systematic strategy that draws its
  // first run's choices before that run begins (and must announce them: next_choices()).
  std::uint64_t seed = 0;
};

struct StrategyKind {
  std::string_view name;
  std::string_view summary;  // one line for --help and the README
  std::vector<StrategyParameter> parameters;
  // A sampling strategy runs a program once per seed, and the text form a run printed
  // replays it from the seed alone. A systematic one runs a program until it has covered its
  // space (Strategy::wants_run), learning from each run: a run of it is replayed from its
  // recorded choices, and it needs the program to behave the same for the same schedule
  // (faults off, one seed).
  bool systematic = false;
  // A systematic strategy that ends when it has covered its space; false: one that learns
  // from its runs but never covers (it runs until its own limit or the caller's budget).
  bool covers = true;
  // A systematic walk that, covered, has run every class of the program once in a complete
  // run (within its bound, if it has one): its covered runs then count the classes.
  bool runs_each_class = false;
  // It follows StrategyInputs::choices, which a campaign draws for it.
  bool takes_choices = false;
  // Text forms the zoo's table compares, in column order.
  std::vector<std::string_view> zoo_forms;
  std::function<std::unique_ptr<Strategy>(const StrategySpec&, const StrategyInputs&)> build;
  // For a strategy whose optional parameters, left out, are learned from the program (PCT's
  // k): the complete form, given the decision counts of runs of the program under the
  // incomplete one. Called only for an incomplete form (is_complete() false).
  std::function<StrategySpec(const StrategySpec&, std::span<const std::uint64_t>)> calibrate;

  // "pct:D[:K]".
  std::string grammar() const;
};

}  // namespace aion::sim
