// Bounded exhaustive exploration: every schedule whose cost is within a bound, each exactly
// once, by depth-first search over the tree of scheduling choices, one run per schedule.
//
// At each decision the alternatives are ranked: rank 0 is the default (keep the current fiber
// if it is runnable, else the lowest-index enabled one, as a lenient replay continues), then
// the other positions ascending. What a choice costs is the explorer's Bounding:
// - kPreemptions: 1 for any choice but the default while the current fiber could go on (a
//   preemption), else 0 (exhaustive:K);
// - kDelays: its rank, the number of fibers the deterministic default scheduler is made to
//   skip (delay bounding, Emmi, Qadeer and Rakamarić, POPL 2011: delay:K). Delays are bounded
//   iteratively: every schedule with 0 delays, then every one with at most 1, ... up to K, so
//   that the schedules with fewest delays come first (those of a lower bound run again).
//
// A systematic strategy (strategy_kind.h): it owns the loop over the runs of one program.
//   ExhaustiveExplorer explorer(/*bound=*/2);
//   for (std::uint64_t runs = 0; explorer.wants_run(runs); ++runs) {
//     RunResult result = simulator.run(body, RunOptions().with_seed(1).with_strategy(&explorer));
//     ...check result...
//   }
//   explorer.covered();  // every schedule within the bound ran
// Each run follows a prefix of forced choices, then the default. After each run the walk
// backtracks to the deepest choice with an untried alternative within the bound. The program
// must be deterministic given the schedule: use the same seed for every run (the fault plan
// may stay: each fiber's faults are decided by its own opportunities). If a forced choice no longer fits
// (the program took another path), warning() says so and the run follows the default.
// For small programs: the number of schedules grows quickly with length and bound.
//
// A walk outlives a run whose process died: resume_after_death() rebuilds it from the decisions
// that run made (as RunOptions::decision_mirror kept them) and goes on with the schedule after
// it. Every schedule that shares the died run's decisions dies the same way, so the walk skips
// nothing that could differ. (An iterative walk goes on at the bound of the died run's cost,
// which may run again schedules of a lower bound, never skip one.)
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/engine/strategy.h"
#include "sim/engine/strategy_kind.h"

namespace aion::sim {

enum class Bounding : std::uint8_t { kPreemptions, kDelays };

class ExhaustiveExplorer final : public Strategy {
 public:
  explicit ExhaustiveExplorer(std::uint32_t bound, Bounding bounding = Bounding::kPreemptions);

  void begin_run(std::uint64_t seed) override;
  std::size_t choose(const Decision& decision) override;
  // Learns from the run that just ended and moves to the next schedule (or exhaustion).
  void end_run(std::uint64_t decisions) override;
  std::string describe() const override;

  bool wants_run(std::uint64_t) const override { return !exhausted_; }
  bool covered() const override { return exhausted_; }
  std::vector<std::uint32_t> next_choices() const override { return prefix_; }
  void resume_after_death(std::span<const DecisionRecord> decisions, std::uint64_t runs) override;
  std::string warning() const override { return nondeterminism_; }

  bool exhausted() const { return exhausted_; }
  std::uint64_t runs() const { return runs_; }

 private:
  // One decision of a run.
  struct Node {
    std::uint32_t options;
    std::uint32_t current_position;  // == options when the current fiber could not continue
    std::uint32_t chosen;
    std::uint32_t cost_before;  // of the choices before it
  };

  void push(const DecisionRecord& decision);
  void advance();
  // Alternatives at a node are tried by rank: the default first, then the other positions
  // ascending.
  static std::uint32_t option_at_rank(const Node& node, std::uint32_t rank);
  static std::uint32_t rank_of(const Node& node, std::uint32_t option);
  std::uint32_t cost(const Node& node, std::uint32_t option) const;

  std::uint32_t bound_;    // the bound asked for
  std::uint32_t walking_;  // the bound of the walk under way (iterative: 0 up to bound_)
  Bounding bounding_;
  std::vector<std::uint32_t> prefix_;  // forced choices for the next run
  std::vector<Node> path_;             // decisions of the current run
  bool exhausted_ = false;
  std::uint64_t runs_ = 0;
  std::string nondeterminism_;
};

// `exhaustive:K`.
const StrategyKind& exhaustive_strategy_kind();
// `delay:K`.
const StrategyKind& delay_strategy_kind();

}  // namespace aion::sim
