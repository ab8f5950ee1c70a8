// Bounded exhaustive exploration: every schedule with at most `max_preemptions` preemptions
// (switching away from a fiber that could have kept running), each exactly once, by depth-first
// search over the tree of scheduling choices, one run per schedule.
//
// Usage:
//   ExhaustiveExplorer explorer(/*max_preemptions=*/2);
//   while (!explorer.exhausted()) {
//     RunResult result =
//         simulator.run(body, RunOptions().with_seed(1).with_strategy(&explorer.strategy()));
//     ...check result...
//     explorer.advance();
//   }
// Each run follows a prefix of forced choices, then the non-preempting default (keep the
// current fiber if it is runnable, else the lowest-index runnable one). advance() backtracks to
// the deepest choice with an untried alternative within the bound. The program must be
// deterministic given the schedule: use the same seed for every run, and no fault plan (or one
// whose faults do not depend on the schedule). If a forced choice no longer fits (the program
// took another path), the explorer notes it in nondeterminism() and follows the default.
// For small programs: the number of schedules grows quickly with length and bound.
//
// A walk outlives a run whose process died: with a mirror set, each decision is also written
// where another process can read it (shared memory), and resume_after() rebuilds the walk from
// the decisions of the run that died, to go on with the schedule after it. Every schedule that
// shares the died run's decisions dies the same way, so the walk skips nothing that could
// differ.
#pragma once

#include <atomic>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/engine/strategy.h"

namespace aion::sim {

class ExhaustiveExplorer {
 public:
  explicit ExhaustiveExplorer(std::uint32_t max_preemptions);

  bool exhausted() const { return exhausted_; }
  // The strategy for the next run.
  Strategy& strategy() { return strategy_; }
  // Learns from the run that just ended and moves to the next schedule (or exhaustion).
  void advance();

  std::uint64_t runs() const { return runs_; }
  // The choices the next run is forced to make; after them, the non-preempting default.
  // A lenient replay of them with the same seed is the next run.
  const std::vector<std::uint32_t>& next_prefix() const { return prefix_; }
  const std::string& nondeterminism() const { return nondeterminism_; }

  // One decision of a run.
  struct Node {
    std::uint32_t options;
    std::uint32_t current_position;  // == options when the current fiber could not continue
    std::uint32_t chosen;
    std::uint32_t preemptions_before;
  };
  // Where each run's decisions are mirrored as it makes them: `nodes[i]` for the first
  // `capacity`, and their count (which may pass capacity) in `length`.
  struct PathMirror {
    Node* nodes = nullptr;
    std::size_t capacity = 0;
    std::atomic<std::uint64_t>* length = nullptr;
  };
  void set_mirror(const PathMirror& mirror) { mirror_ = mirror; }
  // The walk as it stands after `runs` runs, the last of which made the decisions `path` and
  // then died: moves to the schedule after it (or exhaustion).
  void resume_after(std::span<const Node> path, std::uint64_t runs);

 private:
  class Walk final : public Strategy {
   public:
    explicit Walk(ExhaustiveExplorer& owner) : owner_(owner) {}
    void begin_run(std::uint64_t) override;
    std::size_t choose(const Decision& decision) override;
    std::string describe() const override;

   private:
    ExhaustiveExplorer& owner_;
  };

  // Alternatives at a node are tried in this order: the non-preempting default first, then the
  // other positions ascending.
  static std::uint32_t option_at_rank(const Node& node, std::uint32_t rank);
  static std::uint32_t rank_of(const Node& node, std::uint32_t option);
  bool allowed(const Node& node, std::uint32_t option) const;

  std::uint32_t max_preemptions_;
  Walk strategy_;
  std::vector<std::uint32_t> prefix_;  // forced choices for the next run
  std::vector<Node> path_;             // decisions of the current run
  bool exhausted_ = false;
  std::uint64_t runs_ = 0;
  PathMirror mirror_;
  std::string nondeterminism_;
};

}  // namespace aion::sim
