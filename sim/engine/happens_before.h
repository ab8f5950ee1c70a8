// Happens-before over the transitions of the run under way, kept with vector clocks: what
// dpor reverses and what the class estimator counts orders of.
//
// Program order; on a named object or condvar, a write after the last write and the reads
// since it, a read after the last write (conflict.h's footprints); a mutex's release (an
// unlock, or the wait of its holder) before its next acquisition; a thread's start before its
// first transition and its last before a join of it; a notify before the waiter's next
// transition; every transition before a move of the clock before those of the fibers it wakes
// (a sleep or a time read touches nothing else: the clock moves only then); and a transition
// that marks a note after the last one that did (notes are the program's history, in one
// order). A race is two dependent transitions of different fibers where the later does not
// follow the earlier by any other way; for lock acquisitions it is the two acquisitions (the
// critical sections), since a release and the next acquisition cannot swap.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "sim/engine/strategy.h"

namespace aion::sim {

class HappensBefore {
 public:
  struct Step {
    std::uint32_t fiber = 0;
    std::uint32_t local = 0;  // its place in the fiber's order, from 0
    std::int32_t node = -1;   // the caller's tag: dpor's decision it was chosen at
    std::uint32_t clock = 0;  // its vector clock is clock_at(index)[0, width)
    std::uint32_t width = 0;
    bool notes = false;  // it marked an event of the program's own
  };

  void clear();

  // Adds the fiber's transition; the earlier steps it races with are appended to `races`.
  void record(std::uint32_t fiber, const PendingOp& op, std::int32_t node,
              std::vector<std::int32_t>& races);
  // The fiber was woken by `waker`'s latest transition (or by the clock: Strategy::kByClock).
  void woke(std::uint32_t fiber, std::uint32_t waker);
  // The fiber's latest step, the run's latest, marked a note: it now follows the last step
  // that did. Returns whether the step was newly marked, and in `race` the earlier noting step
  // of another fiber it was not yet ordered after (-1 when none).
  bool noted(std::uint32_t fiber, std::int32_t& race);

  const std::vector<Step>& steps() const { return steps_; }
  const std::uint32_t* clock_at(std::int32_t index) const {
    return clocks_.data() + steps_[static_cast<std::size_t>(index)].clock;
  }
  // Whether step `earlier` happens before step `later`, or before a clock of `width` fibers.
  bool before(std::int32_t earlier, std::int32_t later) const;
  bool before(std::int32_t earlier, const std::uint32_t* clock, std::size_t width) const;

 private:
  struct ObjectHistory {
    std::int32_t last_write = -1;
    std::vector<std::int32_t> reads_since;
  };
  struct MutexHistory {
    std::int32_t holder = -1;  // fiber
    std::int32_t acquired = -1;
    std::int32_t released = -1;
  };

  void join_step(std::vector<std::uint32_t>& clock, std::int32_t step) const;
  std::vector<std::uint32_t>& clock_of(std::uint32_t fiber);

  std::vector<Step> steps_;
  std::vector<std::uint32_t> clocks_;
  std::vector<std::vector<std::uint32_t>> fiber_clocks_;
  std::vector<std::int32_t> fiber_last_;
  std::int32_t last_note_ = -1;  // the latest step that marked a note
  std::unordered_map<std::uint64_t, ObjectHistory> objects_;
  std::unordered_map<std::uint64_t, MutexHistory> mutexes_;
  std::unordered_map<std::uint64_t, std::vector<std::int32_t>> unstarted_;  // starts, by name
  std::unordered_map<std::uint64_t, std::uint32_t> thread_fibers_;
};

}  // namespace aion::sim
