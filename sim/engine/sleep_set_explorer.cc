#include "sim/engine/sleep_set_explorer.h"

#include <algorithm>
#include <utility>

namespace aion::sim {
bool SleepSetExplorer::asleep(const std::vector<Transition>& set, const Transition& t) {
  return std::find(set.begin(), set.end(), t) != set.end();
}

std::size_t SleepSetExplorer::first_awake(const Node& node) {
  const std::size_t options = node.enabled.size();
  for (std::size_t rank = 0; rank < options; ++rank) {
    const std::size_t position = position_at_rank(options, node.current_position, rank);
    const Transition& t = node.enabled[position];
    if (!asleep(node.sleep, t) && !asleep(node.done, t)) return position;
  }
  return options;
}

void SleepSetExplorer::begin_run(std::uint64_t) {
  depth_ = 0;
  chosen_node_ = -1;
  running_node_ = -1;
  sleep_.clear();
  blocked_ = false;
}

std::size_t SleepSetExplorer::choose(const Decision& decision) {
  const std::size_t current =
      decision.current_runnable() ? decision.current_position : decision.enabled.size();
  if (blocked_) return decision.current_runnable() ? decision.current_position : 0;
  if (depth_ < stack_.size()) {
    Node& node = stack_[depth_];
    if (node.enabled.size() == decision.enabled.size()) {
      chosen_node_ = static_cast<std::int32_t>(depth_++);
      sleep_.clear();
      sleep_.add(node.sleep);
      sleep_.add(node.done);
      return node.chosen;
    }
    if (warning_.empty()) {
      warning_ = "run " + std::to_string(runs_) + ", decision " + std::to_string(depth_) +
                 ": the scenario took another path than before";
    }
    stack_.resize(depth_);
  }
  Node node;
  node.enabled.reserve(decision.enabled.size());
  for (std::size_t position = 0; position < decision.enabled.size(); ++position) {
    node.enabled.push_back({decision.enabled[position], decision.pending(position)});
  }
  node.sleep = sleep_.transitions();
  node.current_position = current;
  const std::size_t awake = first_awake(node);
  if (awake == node.enabled.size()) {
    // Every enabled transition sleeps: this run repeats a class already explored.
    blocked_ = true;
    return decision.current_runnable() ? decision.current_position : 0;
  }
  node.chosen = static_cast<std::uint32_t>(awake);
  stack_.push_back(std::move(node));
  chosen_node_ = static_cast<std::int32_t>(depth_++);
  return stack_.back().chosen;
}

void SleepSetExplorer::executed(std::uint32_t fiber, const PendingOp& op, bool forced_yield) {
  // A sleeping transition that runs (the only one enabled, so with no decision) makes the
  // rest of the run a repeat, as at a decision where all sleep.
  if (!blocked_ && !forced_yield && sleep_.contains({fiber, op})) blocked_ = true;
  sleep_.wake_dependents_of({fiber, op});
  running_node_ = chosen_node_ >= 0 && chosen(chosen_node_).fiber == fiber ? chosen_node_ : -1;
  chosen_node_ = -1;
}

void SleepSetExplorer::noted(std::uint32_t) {
  sleep_.wake_note_markers();
  // Explored here, it sleeps in the other choices' runs with what it was seen to do.
  if (running_node_ >= 0) chosen(running_node_).notes = true;
}

Transition& SleepSetExplorer::chosen(std::int32_t node_index) {
  Node& node = stack_[static_cast<std::size_t>(node_index)];
  return node.enabled[node.chosen];
}

void SleepSetExplorer::end_run(std::uint64_t) {
  if (blocked_) ++blocked_runs_;
  advance();
}

void SleepSetExplorer::advance() {
  ++runs_;
  while (!stack_.empty()) {
    Node& node = stack_.back();
    node.done.push_back(node.enabled[node.chosen]);
    const std::size_t awake = first_awake(node);
    if (awake < node.enabled.size()) {
      node.chosen = static_cast<std::uint32_t>(awake);
      return;
    }
    stack_.pop_back();
  }
  exhausted_ = true;
}

std::vector<std::uint32_t> SleepSetExplorer::next_choices() const { return chosen_path(stack_); }

void SleepSetExplorer::resume_after_death(std::span<const DecisionRecord>, std::uint64_t runs) {
  runs_ = runs;
  exhausted_ = true;
  warning_ = walk_died_warning(runs);
}

const StrategyKind& por_strategy_kind() {
  static const StrategyKind kind = [] {
    StrategyKind k;
    k.name = "por";
    k.summary =
        "every class of a scenario in one complete run each (depth-first over every enabled "
        "fiber, sleep sets)";
    k.systematic = true;
    k.runs_each_class = true;
    k.zoo_forms = {"por"};
    k.build = [](const StrategySpec&, const StrategyInputs&) -> std::unique_ptr<Strategy> {
      return std::make_unique<SleepSetExplorer>();
    };
    return k;
  }();
  return kind;
}

}  // namespace aion::sim
