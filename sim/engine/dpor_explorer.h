// dpor: every class of a scenario in one complete run each, branching only where a run shows
// a race (source-set DPOR with sleep sets: Abdulla, Aronis, Jonsson and Sagonas, POPL 2014);
// dpor:K only the classes within K preemptions, by bounded partial-order reduction (Coons,
// Musuvathi and McKinley, OOPSLA 2013).
//
// A walk runs the first awake transition at each decision (the current fiber first) and
// keeps sleep sets as por does. Happens-before over a run's transitions is kept with vector
// clocks: program order; on a named object or condvar, a write after the last write and the
// reads since it, a read after the last write (conflict.h's footprints); a mutex's
// release (an unlock, or the wait of its holder) before its next acquisition; a thread's start
// before its first transition and its last before a join of it; a notify before the waiter's
// next transition; every transition before a move of the clock before those of the fibers
// it wakes (a sleep or a time read touches nothing else: the clock moves only then); and a
// transition that marks a note after the last one that did (notes are the program's history,
// in one order). Data
// shared outside a lock is seen only where the program declares it (Platform::access). A
// race is two dependent transitions e, e' of different fibers where e' does not
// follow e by any other way; for lock acquisitions it is the two acquisitions (the critical
// sections), since a release and the next acquisition cannot swap. For each race, the run's
// transitions after e that do not follow it, then e', are a sequence that could replace e;
// unless one of the fibers that can start it (its initials) is explored, scheduled or asleep
// at e's decision, the first that is enabled there is scheduled. Where none is (a dependence
// the footprints do not show), every enabled fiber is (Flanagan and Godefroid's fallback), so
// what the footprints miss costs runs, not classes.
//
// As in por, a run that reaches a decision where every enabled transition sleeps repeats a
// class: it goes on by default, branches no more and is counted as blocked; with a bound, so
// is a run whose only awake choices would pass it. Complete runs are one per class. Faults,
// one seed and death are as for por.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/engine/sleep_set.h"
#include "sim/engine/strategy.h"
#include "sim/engine/strategy_kind.h"

namespace aion::sim {

class DporExplorer final : public Strategy {
 public:
  explicit DporExplorer(std::optional<std::uint32_t> preemption_bound = std::nullopt)
      : bound_(preemption_bound) {}

  void begin_run(std::uint64_t seed) override;
  std::size_t choose(const Decision& decision) override;
  void end_run(std::uint64_t decisions) override;
  std::string describe() const override;

  bool observes_transitions() const override { return true; }
  void executed(std::uint32_t fiber, const PendingOp& op) override;
  void woke(std::uint32_t fiber, std::uint32_t waker) override;
  void noted(std::uint32_t fiber) override;

  bool wants_run(std::uint64_t) const override { return !exhausted_; }
  bool covered() const override { return exhausted_ && warning_.empty(); }
  std::vector<std::uint32_t> next_choices() const override;
  void resume_after_death(std::span<const DecisionRecord> decisions, std::uint64_t runs) override;
  std::string warning() const override { return warning_; }

  std::uint64_t runs() const { return runs_; }
  std::uint64_t blocked_runs() const { return blocked_runs_; }
  // Races whose sequence no enabled fiber could start, answered by the fallback.
  std::uint64_t fallbacks() const { return fallbacks_; }

 private:
  struct Node {
    std::vector<Transition> enabled;
    std::uint32_t chosen = 0;          // position in `enabled`
    std::size_t current_position = 0;  // Decision::current_position
    std::uint32_t preemptions = 0;     // on the path before this decision
    std::vector<Transition> sleep;     // asleep on reaching the node
    std::vector<Transition> done;      // explored here before `chosen`
    std::vector<bool> wanted;          // positions that races scheduled
  };
  // A transition of the run under way, with its vector clock at clocks_[clock, clock + width).
  struct Step {
    std::uint32_t fiber = 0;
    std::uint32_t local = 0;  // its place in the fiber's order, from 0
    std::int32_t node = -1;   // the decision it was chosen at; -1 when it had no choice
    std::uint32_t clock = 0;
    std::uint32_t width = 0;
    bool notes = false;  // it marked an event of the program's own
  };
  struct ObjectHistory {
    std::int32_t last_write = -1;
    std::vector<std::int32_t> reads_since;
  };
  struct MutexHistory {
    std::int32_t holder = -1;  // fiber
    std::int32_t acquired = -1;
    std::int32_t released = -1;
  };

  bool preempts(const Node& node, std::size_t position) const;
  bool allowed(const Node& node, std::size_t position) const;
  // The position of the first transition in the default order that is neither asleep nor
  // done at the node and keeps within the bound; enabled.size() when none.
  std::size_t first_awake(const Node& node) const;
  // Whether step `earlier` happens before the clock `clock` (of `width` fibers).
  bool before(std::int32_t earlier, const std::uint32_t* clock, std::size_t width) const;
  bool before(std::int32_t earlier, std::int32_t later) const;
  void join_step(std::vector<std::uint32_t>& clock, std::int32_t step) const;
  std::vector<std::uint32_t>& clock_of(std::uint32_t fiber);
  void record(std::uint32_t fiber, const PendingOp& op);
  void reverse(std::int32_t earlier, std::int32_t later);
  void schedule(std::size_t node_index, const std::vector<std::uint32_t>& initials);
  void advance();

  std::optional<std::uint32_t> bound_;
  std::vector<Node> stack_;  // the path of the run under way; a prefix of it replays
  std::size_t depth_ = 0;
  std::uint32_t path_preemptions_ = 0;
  std::int32_t chosen_node_ = -1;  // the decision whose choice runs next
  SleepSet sleep_;
  bool blocked_ = false;
  bool exhausted_ = false;
  std::uint64_t runs_ = 0;
  std::uint64_t blocked_runs_ = 0;
  std::uint64_t fallbacks_ = 0;
  std::string warning_;

  // Happens-before of the run under way.
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

// `dpor` and `dpor:K`.
const StrategyKind& dpor_strategy_kind();

}  // namespace aion::sim
