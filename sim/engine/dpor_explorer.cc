#include "sim/engine/dpor_explorer.h"

#include <algorithm>

#include "sim/engine/hash.h"

namespace aion::sim {
namespace {

bool in(const std::vector<Transition>& set, const Transition& t) {
  return std::find(set.begin(), set.end(), t) != set.end();
}

// Objects of different kinds may share a name; their histories do not (as in the class hash).
enum class Family : std::uint64_t { kNamed = 1, kCondvar = 2 };

std::uint64_t key(Family family, std::uint64_t object) {
  return mix64(object + static_cast<std::uint64_t>(family) * 0x9e3779b97f4a7c15ULL);
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
  steps_.clear();
  clocks_.clear();
  for (auto& clock : fiber_clocks_) clock.clear();
  fiber_last_.clear();
  last_note_ = -1;
  objects_.clear();
  mutexes_.clear();
  unstarted_.clear();
  thread_fibers_.clear();
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

void DporExplorer::executed(std::uint32_t fiber, const PendingOp& op) {
  if (blocked_) return;
  // A sleeping transition that runs (the only one enabled, so with no decision) makes the
  // rest of the run a repeat, as at a decision where all sleep.
  if (sleep_.contains({fiber, op})) {
    blocked_ = true;
    return;
  }
  sleep_.wake_dependents_of({fiber, op});
  record(fiber, op);
}

std::vector<std::uint32_t>& DporExplorer::clock_of(std::uint32_t fiber) {
  if (fiber >= fiber_clocks_.size()) fiber_clocks_.resize(fiber + 1);
  if (fiber >= fiber_last_.size()) fiber_last_.resize(fiber + 1, -1);
  return fiber_clocks_[fiber];
}

bool DporExplorer::before(std::int32_t earlier, const std::uint32_t* clock,
                          std::size_t width) const {
  const Step& step = steps_[static_cast<std::size_t>(earlier)];
  return step.fiber < width && clock[step.fiber] > step.local;
}

bool DporExplorer::before(std::int32_t earlier, std::int32_t later) const {
  const Step& step = steps_[static_cast<std::size_t>(later)];
  return before(earlier, clocks_.data() + step.clock, step.width);
}

void DporExplorer::join_step(std::vector<std::uint32_t>& clock, std::int32_t step_index) const {
  if (step_index < 0) return;
  const Step& step = steps_[static_cast<std::size_t>(step_index)];
  if (clock.size() < step.width) clock.resize(step.width, 0);
  for (std::uint32_t f = 0; f < step.width; ++f) {
    clock[f] = std::max(clock[f], clocks_[step.clock + f]);
  }
}

void DporExplorer::woke(std::uint32_t fiber, std::uint32_t waker) {
  if (blocked_) return;
  std::vector<std::uint32_t>& clock = clock_of(fiber);
  if (waker != kByClock) {
    if (waker < fiber_last_.size()) join_step(clock, fiber_last_[waker]);
    return;
  }
  // The clock moved because every fiber had stopped: all that ran came first.
  for (const std::int32_t last : fiber_last_) join_step(clock, last);
}

void DporExplorer::noted(std::uint32_t fiber) {
  if (blocked_) return;
  sleep_.wake_note_markers();
  // Before the fiber's first transition is before every choice: nothing to reverse.
  if (steps_.empty() || steps_.back().fiber != fiber || steps_.back().notes) return;
  const auto index = static_cast<std::int32_t>(steps_.size() - 1);
  Step& step = steps_.back();
  step.notes = true;
  if (step.node >= 0) {
    Node& node = stack_[static_cast<std::size_t>(step.node)];
    node.enabled[node.chosen].notes = true;
  }
  const std::int32_t earlier = last_note_;
  last_note_ = index;
  if (earlier < 0) return;
  const bool race =
      steps_[static_cast<std::size_t>(earlier)].fiber != fiber && !before(earlier, index);
  // The step is the latest, its clock the last in clocks_: it grows in place.
  std::vector<std::uint32_t> clock(clocks_.begin() + step.clock, clocks_.end());
  join_step(clock, earlier);
  join_step(fiber_clocks_[fiber], earlier);
  clocks_.resize(step.clock);
  clocks_.insert(clocks_.end(), clock.begin(), clock.end());
  step.width = static_cast<std::uint32_t>(clock.size());
  if (race) reverse(earlier, index);
}

void DporExplorer::record(std::uint32_t fiber, const PendingOp& op) {
  const auto index = static_cast<std::int32_t>(steps_.size());
  std::vector<std::uint32_t> clock = clock_of(fiber);
  const std::uint32_t local = fiber < clock.size() ? clock[fiber] : 0;
  std::vector<std::int32_t> races;
  const auto race_unless_before = [&](std::int32_t other) {
    if (other >= 0 && steps_[static_cast<std::size_t>(other)].fiber != fiber &&
        !before(other, clock.data(), clock.size())) {
      races.push_back(other);
    }
  };
  std::vector<std::int32_t> depends;
  const auto access = [&](std::uint64_t object_key, bool write) {
    ObjectHistory& object = objects_[object_key];
    depends.push_back(object.last_write);
    if (!write) {
      race_unless_before(object.last_write);
      object.reads_since.push_back(index);
      return;
    }
    if (object.reads_since.empty()) race_unless_before(object.last_write);
    for (const std::int32_t read : object.reads_since) {
      depends.push_back(read);
      race_unless_before(read);
    }
    object.last_write = index;
    object.reads_since.clear();
  };
  switch (op.op) {
    case Op::kLock: {
      MutexHistory& mutex = mutexes_[op.object];
      // Held by another fiber and taken: that holder let it go in a wait, its latest step.
      const std::int32_t released =
          mutex.holder >= 0 && static_cast<std::uint32_t>(mutex.holder) != fiber
              ? fiber_last_[static_cast<std::size_t>(mutex.holder)]
              : mutex.released;
      depends.push_back(released);
      race_unless_before(mutex.acquired);
      mutex.holder = static_cast<std::int32_t>(fiber);
      mutex.acquired = index;
      break;
    }
    case Op::kUnlock: {
      MutexHistory& mutex = mutexes_[op.object];
      mutex.holder = -1;
      mutex.released = index;
      break;
    }
    case Op::kWait:
    case Op::kNotifyOne:
    case Op::kNotifyAll:
      access(key(Family::kCondvar, op.object), true);
      break;
    case Op::kRead:
    case Op::kWrite:
      access(key(Family::kNamed, op.object), op.op == Op::kWrite);
      break;
    case Op::kStartThread: {
      // A fiber's first transition is its own start (by name) once another fiber started a
      // thread of that name; it follows that start, which it cannot precede.
      auto& unstarted = unstarted_[op.object];
      if (local == 0 && !unstarted.empty()) {
        thread_fibers_[op.object] = fiber;
        depends.push_back(unstarted.front());
        unstarted.erase(unstarted.begin());
      } else {
        unstarted.push_back(index);
      }
      break;
    }
    case Op::kJoin:
      // It completes once the thread has ended, after all the thread did.
      if (const auto joined = thread_fibers_.find(op.object); joined != thread_fibers_.end()) {
        depends.push_back(fiber_last_[joined->second]);
      }
      break;
    default:
      break;
  }
  for (const std::int32_t step : depends) join_step(clock, step);
  if (clock.size() <= fiber) clock.resize(fiber + 1, 0);
  clock[fiber] = local + 1;
  Step step;
  step.fiber = fiber;
  step.local = local;
  step.clock = static_cast<std::uint32_t>(clocks_.size());
  step.width = static_cast<std::uint32_t>(clock.size());
  if (chosen_node_ >= 0 && stack_[static_cast<std::size_t>(chosen_node_)]
                                   .enabled[stack_[static_cast<std::size_t>(chosen_node_)].chosen]
                                   .fiber == fiber) {
    step.node = chosen_node_;
  }
  chosen_node_ = -1;
  clocks_.insert(clocks_.end(), clock.begin(), clock.end());
  steps_.push_back(step);
  fiber_clocks_[fiber] = std::move(clock);
  fiber_last_[fiber] = index;
  for (const std::int32_t earlier : races) reverse(earlier, index);
}

void DporExplorer::reverse(std::int32_t earlier, std::int32_t later) {
  const Step& first = steps_[static_cast<std::size_t>(earlier)];
  // With no choice there, the other fiber could not go first: what enabled it is a race
  // of its own.
  if (first.node < 0) return;
  // The initials of the transitions after `earlier` that do not follow it, then `later`.
  std::vector<std::uint32_t> initials;
  std::vector<std::int32_t> firsts;  // each fiber's first step in that sequence
  const auto consider = [&](std::int32_t k) {
    const std::uint32_t fiber = steps_[static_cast<std::size_t>(k)].fiber;
    for (const std::int32_t f : firsts) {
      if (steps_[static_cast<std::size_t>(f)].fiber == fiber) return;
    }
    const bool follows_one =
        std::any_of(firsts.begin(), firsts.end(), [&](std::int32_t f) { return before(f, k); });
    firsts.push_back(k);
    if (!follows_one) initials.push_back(fiber);
  };
  for (std::int32_t k = earlier + 1; k < later; ++k) {
    if (!before(earlier, k)) consider(k);
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

void DporExplorer::schedule(std::size_t node_index, const std::vector<std::uint32_t>& initials) {
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
    if (node.wanted[p] || asleep(p)) return;
    if (candidate == node.enabled.size() && allowed(node, p)) candidate = p;
  }
  if (candidate < node.enabled.size()) {
    node.wanted[candidate] = true;
    return;
  }
  bool any_enabled = false;
  for (const std::uint32_t fiber : initials)
    any_enabled |= position_of(fiber) < node.enabled.size();
  if (any_enabled) return;  // enabled, but only past the bound
  ++fallbacks_;
  for (std::size_t p = 0; p < node.enabled.size(); ++p) {
    if (allowed(node, p)) node.wanted[p] = true;
  }
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
