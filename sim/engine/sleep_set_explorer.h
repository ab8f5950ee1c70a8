// por: every class of a scenario (every order of its dependent operations) in one complete
// run each, by depth-first search over every enabled fiber with sleep sets (Godefroid, 1996).
//
// A transition is a fiber going on to do its pending operation; two transitions depend on
// each other when they are of one fiber or their operations conflict (conflict.h). At each
// decision the walk runs the first enabled transition not asleep; on backtracking it tries
// the others, and a transition already explored at a decision sleeps in the runs below the
// other choices there until a transition dependent on it runs (executed(): every transition,
// also those with no choice; noted(): a transition that marked a note wakes those that marked
// one when they were explored). A run that reaches a decision where every enabled transition
// sleeps repeats a class already explored: it goes on by default and branches no more, and is
// counted as blocked. Every other run is of a class of its own, so when the walk ends
// (covered()), complete runs = classes; but for a yield that the extra_yield fault forces:
// the fiber it leaves to go on with no decision may sleep, and yet the yielding one could
// have gone first in another run that reached the point otherwise, so it does not block the
// run there (executed() with forced_yield) and some complete runs repeat a class (measured: 10
// classes in 27 complete runs of 64, where every schedule reaches 10; blocking there walked 3).
//
// Like exhaustive:K it needs the program to repeat itself given the schedule: one seed (the
// engine's faults are decided by each fiber's own opportunities, so they keep equivalent
// runs equivalent: fault_plan.h). A walk cannot go on after a run whose process died (its
// sleep sets are not in the decisions mirrored): it ends there, not covered, and says so.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/engine/sleep_set.h"
#include "sim/engine/strategy.h"
#include "sim/engine/strategy_kind.h"

namespace aion::sim {

class SleepSetExplorer final : public Strategy {
 public:
  void begin_run(std::uint64_t seed) override;
  std::size_t choose(const Decision& decision) override;
  void end_run(std::uint64_t decisions) override;
  std::string describe() const override { return "por"; }

  bool observes_transitions() const override { return true; }
  void executed(std::uint32_t fiber, const PendingOp& op, bool forced_yield) override;
  void noted(std::uint32_t fiber) override;

  bool wants_run(std::uint64_t) const override { return !exhausted_; }
  bool covered() const override { return exhausted_ && warning_.empty(); }
  std::vector<std::uint32_t> next_choices() const override;
  void resume_after_death(std::span<const DecisionRecord> decisions, std::uint64_t runs) override;
  std::string warning() const override { return warning_; }

  std::uint64_t runs() const { return runs_; }
  std::uint64_t blocked_runs() const { return blocked_runs_; }

 private:
  struct Node {
    std::vector<Transition> enabled;
    std::uint32_t chosen = 0;          // position in `enabled`
    std::size_t current_position = 0;  // Decision::current_position, for the default order
    std::vector<Transition> sleep;     // asleep on reaching the node
    std::vector<Transition> done;      // explored here before `chosen`
  };

  static bool asleep(const std::vector<Transition>& set, const Transition& t);
  // The position of the first transition in the default order (the current fiber first, then
  // ascending) that is neither asleep nor done at the node; enabled.size() when none.
  static std::size_t first_awake(const Node& node);
  Transition& chosen(std::int32_t node_index);
  void advance();

  std::vector<Node> stack_;  // the path of the run under way; a prefix of it replays
  std::size_t depth_ = 0;
  std::int32_t chosen_node_ = -1;   // the decision whose choice runs next
  std::int32_t running_node_ = -1;  // the decision whose choice is under way
  SleepSet sleep_;
  bool blocked_ = false;
  bool exhausted_ = false;
  std::uint64_t runs_ = 0;
  std::uint64_t blocked_runs_ = 0;
  std::string warning_;
};

// `por`.
const StrategyKind& por_strategy_kind();

}  // namespace aion::sim
