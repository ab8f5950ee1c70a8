// guided: schedule fuzzing with feedback on one program, as Fray and reads-from fuzzing do it.
// Each run follows a choice list (as `generated` does: each value modulo the enabled fibers,
// then the current fiber keeps going); a run that shows something no earlier run of the
// program showed keeps its schedule in a corpus, and most later runs replay a kept schedule
// up to a random decision (in the run with the most fibers waiting, one before that many
// first waited), choose otherwise there and go on at random, go on as kept, or never preempt
// again. The schedule replayed is, a quarter of the time each: the one that had the most
// fibers waiting, one of the latest kept, the default schedule's (no preemption), or any kept.
//
// What a run shows is a set of features, of the program's own events alone (so they mean the
// same in any program): for each two consecutive operations on one object by different
// fibers, their operations and fibers, bucketed by how often the run did that (1, 2-3, 4-7,
// 8+, as AFL counts edges); and the most fibers waiting for a held mutex at once. The second
// is a gradient towards states that need many threads lined up (a deadlock of n), the first
// towards orders of conflicting operations not yet seen.
//
// A fresh run (every run before the corpus is mutated, and then one in four) is a random walk
// for the first two runs and POS's (pos_strategy.h, from a stream drawn from guided's own) after
// the default schedule: POS reaches an order of two racing events decided late in a long run
// far more often than a random walk, and its runs are parents as good as any.
//
// It learns from the runs of one program, so it is systematic: its runs replay from their
// recorded choices, and next_choices() is the list the next run follows (the first run's is
// drawn as it is built, as a random walk's would be), or next_form() the POS form (`pos:S`)
// that makes the next run on the program's seed. It never covers: it wants N runs of a
// program (guided:N, 10,000 unless given) or the caller's budget ends it first. The seed of
// the program's runs (StrategyInputs::seed) seeds its own stream ("guided"); with the same
// seed and program, the same runs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "sim/engine/pos_strategy.h"
#include "sim/engine/replay_strategy.h"
#include "sim/engine/rng.h"
#include "sim/engine/strategy.h"
#include "sim/engine/strategy_kind.h"

namespace aion::sim {

class GuidedStrategy final : public Strategy {
 public:
  // Runs of the program it wants (wants_run), and the seed every run of the program gets.
  GuidedStrategy(std::uint64_t runs, std::uint64_t seed);

  void begin_run(std::uint64_t seed) override;
  std::size_t choose(const Decision& decision) override;
  void end_run(std::uint64_t decisions) override;
  std::string describe() const override { return "guided:" + std::to_string(max_runs_); }

  bool observes_transitions() const override { return true; }
  void executed(std::uint32_t fiber, const PendingOp& op, bool forced_yield) override;

  bool wants_run(std::uint64_t runs) const override { return runs < max_runs_; }
  std::vector<std::uint32_t> next_choices() const override { return plan_; }
  std::string next_form() const override { return sampler_ ? sampler_->describe() : ""; }

  std::size_t corpus_size() const { return corpus_.size(); }
  std::size_t features() const { return seen_.size(); }

 private:
  struct Step {
    std::uint32_t chosen = 0;   // position in `enabled`
    std::uint32_t options = 0;  // enabled fibers
  };
  struct LastAccess {
    std::uint32_t fiber = 0;
    Op op = Op::kYield;
  };

  void plan_next();
  std::size_t flip_place(const std::vector<Step>& parent, bool most_waiting);
  std::vector<std::uint32_t> random_tail(std::size_t length);

  std::uint64_t max_runs_;
  Rng rng_;
  std::vector<std::vector<Step>> corpus_;
  std::unordered_set<std::uint64_t> seen_;
  std::vector<std::uint32_t> plan_;
  std::optional<ReplayStrategy> follow_;
  std::optional<PosStrategy> sampler_;  // the next run's, when it is a fresh POS run
  std::size_t longest_run_ = 0;
  std::uint32_t most_waiting_seen_ = 0;  // over every run, and the run that first saw it
  std::size_t most_waiting_entry_ = 0;
  std::size_t most_waiting_step_ = 0;  // the decision of that run where that many first waited
  std::size_t default_entry_ = 0;
  std::uint64_t runs_ = 0;

  // This run.
  std::vector<Step> steps_;
  std::unordered_map<std::uint64_t, LastAccess> last_access_;
  std::unordered_map<std::uint64_t, std::uint32_t> pair_counts_;
  std::uint32_t most_waiting_ = 0;
  std::size_t most_waiting_at_ = 0;
};

// `guided`.
const StrategyKind& guided_strategy_kind();

}  // namespace aion::sim
