// What the searches that keep sleep sets (por, dpor, the class-count estimator) share: a
// transition (a fiber going on to do its pending operation), the set of transitions asleep
// at a point of a walk, the default order in which a walk tries the enabled fibers, and the
// path of choices a walk replays.
//
// A transition explored at a decision sleeps in the runs below the other choices there until
// a transition dependent on it runs (Godefroid, 1996): one of its fiber, one whose operation
// conflicts with its own (conflict.h), or, when it marked an event of the program's own
// when it was explored (Strategy::noted), one that marks one too.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/engine/conflict.h"
#include "sim/engine/strategy.h"

namespace aion::sim {

struct Transition {
  std::uint32_t fiber = 0;
  PendingOp op;
  // Learnt when it runs: whether it marked a note. Not part of what the transition is.
  bool notes = false;

  bool operator==(const Transition& other) const {
    return fiber == other.fiber && op.op == other.op.op && op.object == other.op.object;
  }
};

class SleepSet {
 public:
  bool contains(const Transition& t) const {
    return std::find(asleep_.begin(), asleep_.end(), t) != asleep_.end();
  }
  void add(const Transition& t) { asleep_.push_back(t); }
  void add(const std::vector<Transition>& ts) {
    asleep_.insert(asleep_.end(), ts.begin(), ts.end());
  }
  void clear() { asleep_.clear(); }
  const std::vector<Transition>& transitions() const { return asleep_; }
  // `ran` ran: what depends on it wakes.
  void wake_dependents_of(const Transition& ran) {
    std::erase_if(asleep_, [&](const Transition& t) {
      return t.fiber == ran.fiber || conflicting(t.op, ran.op);
    });
  }
  // The transition under way marked a note: those that mark one too wake.
  void wake_note_markers() {
    std::erase_if(asleep_, [](const Transition& t) { return t.notes; });
  }

 private:
  std::vector<Transition> asleep_;
};

// Rank r of the default order among `options` enabled fibers: the current fiber first (when
// it can go on), then the positions ascending.
inline std::size_t position_at_rank(std::size_t options, std::size_t current_position,
                                    std::size_t rank) {
  const std::size_t first = current_position < options ? current_position : 0;
  return rank == 0 ? first : (rank - 1 < first ? rank - 1 : rank);
}

// The choices a depth-first walk's next run is forced to make: each node's `chosen`.
template <typename Node>
std::vector<std::uint32_t> chosen_path(const std::vector<Node>& stack) {
  std::vector<std::uint32_t> choices;
  choices.reserve(stack.size());
  for (const Node& node : stack) choices.push_back(node.chosen);
  return choices;
}

// Why a walk with sleep sets ends at a run that died: its sleep sets are not among the
// decisions that the engine mirrored.
inline std::string walk_died_warning(std::uint64_t runs) {
  return "run " + std::to_string(runs) +
         " died with its process; a walk with sleep sets cannot go on past it";
}

}  // namespace aion::sim
