#include "sim/engine/dpor_explorer.h"

#include <algorithm>
#include <utility>

namespace aion::sim {
namespace {

bool in(const std::vector<Transition>& set, const Transition& t) {
  return std::find(set.begin(), set.end(), t) != set.end();
}

}  // namespace

std::string DporExplorer::describe() const {
  return bound_ ? "dpor:" + std::to_string(*bound_) : "dpor";
}

bool DporExplorer::preempts(const Node& node, std::size_t position) const {
  return node.current_position < node.enabled.size() && position != node.current_position;
}

bool DporExplorer::allowed(const Node& node, std::size_t position) const {
  return !bound_ || node.preemptions + (preempts(node, position) ? 1 : 0) <= *bound_;
}

std::size_t DporExplorer::first_awake(const Node& node) const {
  const std::size_t options = node.enabled.size();
  for (std::size_t rank = 0; rank < options; ++rank) {
    const std::size_t position = position_at_rank(options, node.current_position, rank);
    const Transition& t = node.enabled[position];
    if (!in(node.sleep, t) && !in(node.done, t) && allowed(node, position)) {
      return position;
    }
  }
  return options;
}

void DporExplorer::begin_run(std::uint64_t) {
  depth_ = 0;
  path_preemptions_ = 0;
  chosen_node_ = -1;
  sleep_.clear();
  blocked_ = false;
  hb_.clear();
}

std::size_t DporExplorer::choose(const Decision& decision) {
  chosen_node_ = -1;
  const std::size_t fallback = decision.current_runnable() ? decision.current_position : 0;
  if (blocked_) return fallback;
  if (depth_ < stack_.size()) {
    Node& node = stack_[depth_];
    if (node.enabled.size() == decision.enabled.size()) {
      chosen_node_ = static_cast<std::int32_t>(depth_++);
      sleep_.clear();
      sleep_.add(node.sleep);
      sleep_.add(node.done);
      if (preempts(node, node.chosen)) ++path_preemptions_;
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
  node.current_position =
      decision.current_runnable() ? decision.current_position : decision.enabled.size();
  node.preemptions = path_preemptions_;
  const std::size_t awake = first_awake(node);
  if (awake == node.enabled.size()) {
    // Every choice sleeps or passes the bound: what follows repeats a class, or leaves it.
    blocked_ = true;
    return fallback;
  }
  node.chosen = static_cast<std::uint32_t>(awake);
  node.wanted.assign(node.enabled.size(), false);
  node.wanted[awake] = true;
  if (preempts(node, awake)) ++path_preemptions_;
  stack_.push_back(std::move(node));
  chosen_node_ = static_cast<std::int32_t>(depth_++);
  return stack_.back().chosen;
}

void DporExplorer::executed(std::uint32_t fiber, const PendingOp& op, bool forced_yield) {
  if (blocked_) return;
  // A sleeping transition that runs (the only one enabled, so with no decision) makes the
  // rest of the run a repeat, as at a decision where all sleep.
  if (sleep_.contains({fiber, op}) && !forced_yield) {
    blocked_ = true;
    return;
  }
  sleep_.wake_dependents_of({fiber, op});
  record(fiber, op, forced_yield);
}

void DporExplorer::woke(std::uint32_t fiber, std::uint32_t waker) {
  if (!blocked_) hb_.woke(fiber, waker);
}

void DporExplorer::noted(std::uint32_t fiber) {
  if (blocked_) return;
  sleep_.wake_note_markers();
  std::int32_t race = -1;
  if (!hb_.noted(fiber, race)) return;
  const HappensBefore::Step& step = hb_.steps().back();
  if (step.node >= 0) {
    Node& node = stack_[static_cast<std::size_t>(step.node)];
    node.enabled[node.chosen].notes = true;
  }
  if (race >= 0) reverse(race, static_cast<std::int32_t>(hb_.steps().size() - 1));
}

void DporExplorer::record(std::uint32_t fiber, const PendingOp& op, bool yielded) {
  std::int32_t node = yielded ? kYieldedTo : -1;
  if (chosen_node_ >= 0) {
    const Node& chosen = stack_[static_cast<std::size_t>(chosen_node_)];
    if (chosen.enabled[chosen.chosen].fiber == fiber) node = chosen_node_;
  }
  chosen_node_ = -1;
  races_.clear();
  hb_.record(fiber, op, node, races_);
  const auto index = static_cast<std::int32_t>(hb_.steps().size() - 1);
  for (const std::int32_t earlier : races_) reverse(earlier, index);
}

void DporExplorer::reverse(std::int32_t earlier, std::int32_t later) {
  const auto& steps = hb_.steps();
  const HappensBefore::Step& first = steps[static_cast<std::size_t>(earlier)];
  if (first.node == kYieldedTo) {
    // The later fiber could go first at an earlier decision, one that reached this point
    // another way; the latest that can take it.
    const std::vector<std::uint32_t> later_fiber{steps[static_cast<std::size_t>(later)].fiber};
    for (std::int32_t k = earlier; k-- > 0;) {
      const std::int32_t n = steps[static_cast<std::size_t>(k)].node;
      if (n >= 0 && schedule(static_cast<std::size_t>(n), later_fiber)) return;
    }
    return;
  }
  // With no choice there, the other fiber could not go first: what enabled it is a race
  // of its own.
  if (first.node < 0) return;
  // The initials of the transitions after `earlier` that do not follow it, then `later`.
  std::vector<std::uint32_t> initials;
  std::vector<std::int32_t> firsts;  // each fiber's first step in that sequence
  const auto consider = [&](std::int32_t k) {
    const std::uint32_t fiber = steps[static_cast<std::size_t>(k)].fiber;
    for (const std::int32_t f : firsts) {
      if (steps[static_cast<std::size_t>(f)].fiber == fiber) return;
    }
    const bool follows_one =
        std::any_of(firsts.begin(), firsts.end(), [&](std::int32_t f) { return hb_.before(f, k); });
    firsts.push_back(k);
    if (!follows_one) initials.push_back(fiber);
  };
  for (std::int32_t k = earlier + 1; k < later; ++k) {
    if (!hb_.before(earlier, k)) consider(k);
  }
  consider(later);
  const auto node_index = static_cast<std::size_t>(first.node);
  schedule(node_index, initials);
  if (bound_) {
    // Bounded POR: the switch that began this run of the earlier fiber is a cheaper place
    // to let the other one go first.
    for (std::size_t n = node_index; n-- > 0;) {
      const Node& node = stack_[n];
      if (node.enabled[node.chosen].fiber == first.fiber &&
          (node.current_position >= node.enabled.size() ||
           node.enabled[node.current_position].fiber != first.fiber)) {
        schedule(n, initials);
        break;
      }
    }
  }
}

bool DporExplorer::schedule(std::size_t node_index, const std::vector<std::uint32_t>& initials) {
  Node& node = stack_[node_index];
  const auto position_of = [&](std::uint32_t fiber) {
    for (std::size_t p = 0; p < node.enabled.size(); ++p) {
      if (node.enabled[p].fiber == fiber) return p;
    }
    return node.enabled.size();
  };
  const auto asleep = [&](std::size_t p) { return in(node.sleep, node.enabled[p]); };
  std::size_t candidate = node.enabled.size();
  for (const std::uint32_t fiber : initials) {
    const std::size_t p = position_of(fiber);
    if (p == node.enabled.size()) continue;
    if (node.wanted[p] || asleep(p)) return false;
    if (candidate == node.enabled.size() && allowed(node, p)) candidate = p;
  }
  if (candidate < node.enabled.size()) {
    node.wanted[candidate] = true;
    return true;
  }
  bool any_enabled = false;
  for (const std::uint32_t fiber : initials)
    any_enabled |= position_of(fiber) < node.enabled.size();
  if (any_enabled) return false;  // enabled, but only past the bound
  ++fallbacks_;
  for (std::size_t p = 0; p < node.enabled.size(); ++p) {
    if (allowed(node, p)) node.wanted[p] = true;
  }
  return true;
}

void DporExplorer::end_run(std::uint64_t) {
  if (blocked_) ++blocked_runs_;
  advance();
}

void DporExplorer::advance() {
  ++runs_;
  while (!stack_.empty()) {
    Node& node = stack_.back();
    node.done.push_back(node.enabled[node.chosen]);
    for (std::size_t p = 0; p < node.enabled.size(); ++p) {
      if (!node.wanted[p]) continue;
      const Transition& t = node.enabled[p];
      if (in(node.done, t) || in(node.sleep, t) || !allowed(node, p)) {
        continue;
      }
      node.chosen = static_cast<std::uint32_t>(p);
      return;
    }
    stack_.pop_back();
  }
  exhausted_ = true;
}

std::vector<std::uint32_t> DporExplorer::next_choices() const { return chosen_path(stack_); }

void DporExplorer::resume_after_death(std::span<const DecisionRecord>, std::uint64_t runs) {
  runs_ = runs;
  exhausted_ = true;
  warning_ = walk_died_warning(runs);
}

const StrategyKind& dpor_strategy_kind() {
  static const StrategyKind kind = [] {
    StrategyKind k;
    k.name = "dpor";
    k.summary =
        "every class of a scenario in one complete run each, branching only at races "
        "(source-set DPOR); with K, the classes within K preemptions";
    k.parameters = {{"K", "preemptions", 0, 64, true}};
    k.systematic = true;
    k.runs_each_class = true;
    k.zoo_forms = {"dpor", "dpor:1"};
    k.build = [](const StrategySpec& spec, const StrategyInputs&) -> std::unique_ptr<Strategy> {
      return std::make_unique<DporExplorer>(
          spec.has(0) ? std::optional<std::uint32_t>(static_cast<std::uint32_t>(spec.value(0)))
                      : std::nullopt);
    };
    return k;
  }();
  return kind;
}

}  // namespace aion::sim
