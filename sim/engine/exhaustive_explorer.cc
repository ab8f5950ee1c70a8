#include "sim/engine/exhaustive_explorer.h"

#include <algorithm>

namespace aion::sim {

ExhaustiveExplorer::ExhaustiveExplorer(std::uint32_t bound, Bounding bounding)
    : bound_(bound), walking_(bounding == Bounding::kDelays ? 0 : bound), bounding_(bounding) {}

void ExhaustiveExplorer::begin_run(std::uint64_t) { path_.clear(); }

void ExhaustiveExplorer::push(const DecisionRecord& decision) {
  Node node{decision.options, decision.current_position, decision.chosen, 0};
  if (!path_.empty()) {
    const Node& last = path_.back();
    node.cost_before = last.cost_before + cost(last, last.chosen);
  }
  path_.push_back(node);
}

std::size_t ExhaustiveExplorer::choose(const Decision& decision) {
  DecisionRecord record;
  record.options = static_cast<std::uint32_t>(decision.enabled.size());
  record.current_position = static_cast<std::uint32_t>(
      decision.current_runnable() ? decision.current_position : decision.enabled.size());
  const Node probe{record.options, record.current_position, 0, 0};
  record.chosen = option_at_rank(probe, 0);
  const std::size_t depth = path_.size();
  if (depth < prefix_.size()) {
    const std::uint32_t forced = prefix_[depth];
    if (forced < record.options) {
      record.chosen = forced;
    } else if (nondeterminism_.empty()) {
      nondeterminism_ = "run " + std::to_string(runs_) + ", decision " + std::to_string(depth) +
                        " at step " + std::to_string(decision.step) + ": forced choice " +
                        std::to_string(forced) + " but only " + std::to_string(record.options) +
                        " options";
    }
  }
  push(record);
  return record.chosen;
}

void ExhaustiveExplorer::end_run(std::uint64_t) { advance(); }

std::string ExhaustiveExplorer::describe() const {
  return (bounding_ == Bounding::kDelays ? "delay:" : "exhaustive:") + std::to_string(bound_);
}

std::uint32_t ExhaustiveExplorer::option_at_rank(const Node& node, std::uint32_t rank) {
  const std::uint32_t first = node.current_position < node.options ? node.current_position : 0;
  if (rank == 0) return first;
  // Ranks 1.. walk the positions ascending, skipping `first`.
  const std::uint32_t option = rank - 1;
  return option < first ? option : option + 1;
}

std::uint32_t ExhaustiveExplorer::rank_of(const Node& node, std::uint32_t option) {
  const std::uint32_t first = node.current_position < node.options ? node.current_position : 0;
  if (option == first) return 0;
  return option < first ? option + 1 : option;
}

std::uint32_t ExhaustiveExplorer::cost(const Node& node, std::uint32_t option) const {
  if (bounding_ == Bounding::kDelays) return rank_of(node, option);
  return node.current_position < node.options && option != node.current_position ? 1 : 0;
}

void ExhaustiveExplorer::resume_after_death(std::span<const DecisionRecord> decisions,
                                            std::uint64_t runs) {
  path_.clear();
  for (const DecisionRecord& decision : decisions) push(decision);
  if (bounding_ == Bounding::kDelays && !path_.empty()) {
    walking_ = std::min(bound_, path_.back().cost_before + cost(path_.back(), path_.back().chosen));
  }
  runs_ = runs - 1;  // advance() counts the run that died
  advance();
}

void ExhaustiveExplorer::advance() {
  ++runs_;
  for (std::size_t depth = path_.size(); depth-- > 0;) {
    const Node& node = path_[depth];
    for (std::uint32_t rank = rank_of(node, node.chosen) + 1; rank < node.options; ++rank) {
      const std::uint32_t option = option_at_rank(node, rank);
      if (node.cost_before + cost(node, option) > walking_) continue;
      prefix_.clear();
      for (std::size_t i = 0; i < depth; ++i) prefix_.push_back(path_[i].chosen);
      prefix_.push_back(option);
      return;
    }
  }
  // This bound's walk is done: the next bound's starts over from the default schedule.
  if (walking_ < bound_) {
    ++walking_;
    prefix_.clear();
    return;
  }
  exhausted_ = true;
}

const StrategyKind& exhaustive_strategy_kind() {
  static const StrategyKind kind = [] {
    StrategyKind k;
    k.name = "exhaustive";
    k.summary = "every schedule of a scenario with at most K preemptions, each once (depth-first)";
    k.parameters = {{"K", "preemptions", 0, 3, false}};
    k.systematic = true;
    k.zoo_forms = {"exhaustive:1", "exhaustive:2"};
    k.build = [](const StrategySpec& spec, const StrategyInputs&) -> std::unique_ptr<Strategy> {
      return std::make_unique<ExhaustiveExplorer>(static_cast<std::uint32_t>(spec.value(0)));
    };
    return k;
  }();
  return kind;
}

const StrategyKind& delay_strategy_kind() {
  static const StrategyKind kind = [] {
    StrategyKind k;
    k.name = "delay";
    k.summary =
        "every schedule of a scenario within K delays of the default scheduler, fewest first "
        "(delay bounding)";
    k.parameters = {{"K", "delays", 0, 8, false}};
    k.systematic = true;
    k.zoo_forms = {"delay:2"};
    k.build = [](const StrategySpec& spec, const StrategyInputs&) -> std::unique_ptr<Strategy> {
      return std::make_unique<ExhaustiveExplorer>(static_cast<std::uint32_t>(spec.value(0)),
                                                  Bounding::kDelays);
    };
    return k;
  }();
  return kind;
}

}  // namespace aion::sim
