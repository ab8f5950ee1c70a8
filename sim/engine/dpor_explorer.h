// dpor: every class of a scenario in one complete run each, branching only where a run shows
// a race (source-set DPOR with sleep sets: Abdulla, Aronis, Jonsson and Sagonas, POPL 2014);
// dpor:K only the classes within K preemptions, by bounded partial-order reduction (Coons,
// Musuvathi and McKinley, OOPSLA 2013).
//
// A walk runs the first awake transition at each decision (the current fiber first) and
// keeps sleep sets as por does, and happens-before over the run's transitions
// (happens_before.h). Data shared outside a lock is seen only where the program declares it
// (Platform::access). For each race e, e' of the run, the run's transitions after e that do not
// follow it, then e', are a sequence that could replace e; unless one of the fibers that can start
// it (its initials) is explored, scheduled or asleep at e's decision, the first that is enabled
// there is scheduled. Where none is (a dependence the footprints do not show), every enabled fiber
// is (Flanagan and Godefroid's fallback), so what the footprints miss costs runs, not classes.
//
// As in por, a run that reaches a decision where every enabled transition sleeps repeats a
// class: it goes on by default, branches no more and is counted as blocked; with a bound, so
// is a run whose only awake choices would pass it. Complete runs are one per class. Faults,
// one seed and death are as for por, but for the extra_yield fault: a yield it forces leaves
// the other fiber to go on with no decision, although the yielding one could have gone first
// in another run that reached the point otherwise. So a sleeping transition that runs there
// does not block the run, and a race whose earlier transition ran there is reversed at the
// latest earlier decision that can take the later fiber: sound, at the cost of runs that
// repeat a class (measured: 10 classes in 30 runs, 3 blocked, where every schedule reaches 10).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/happens_before.h"
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
  void executed(std::uint32_t fiber, const PendingOp& op, bool forced_yield) override;
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
  bool preempts(const Node& node, std::size_t position) const;
  bool allowed(const Node& node, std::size_t position) const;
  // The position of the first transition in the default order that is neither asleep nor
  // done at the node and keeps within the bound; enabled.size() when none.
  std::size_t first_awake(const Node& node) const;
  void record(std::uint32_t fiber, const PendingOp& op, bool yielded);
  void reverse(std::int32_t earlier, std::int32_t later);
  // Whether it scheduled a fiber there that was not explored, scheduled or asleep.
  bool schedule(std::size_t node_index, const std::vector<std::uint32_t>& initials);
  void advance();

  // The tag of a transition that ran with no decision because of a forced yield.
  static constexpr std::int32_t kYieldedTo = -2;

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

  HappensBefore hb_;  // of the run under way
  std::vector<std::int32_t> races_;
};

// `dpor` and `dpor:K`.
const StrategyKind& dpor_strategy_kind();

}  // namespace aion::sim
