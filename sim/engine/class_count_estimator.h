// How many classes a scenario has, when there are too many to walk: Knuth's estimator (Math.
// Comp. 29, 1975) over por's tree, whose complete leaves are one per class.
//
// Each run is one probe: a random path down the tree that por walks depth-first. At each
// decision it picks one of the transitions that are awake (not in the sleep set), the i-th in
// the default order with probability p proportional to 1/(i+1) (a later choice puts more to
// sleep, so ends in a repeat more often), and the transitions a depth-first walk would have
// tried before it there go to sleep below it, as in por. The probe's weight is the product of
// 1/p along its path, or 0 when the path ends in a repeat (every enabled transition asleep); the
// mean weight over probes is an unbiased estimate of the number of complete leaves, so of classes.
// Its error can be large for lopsided trees: the standard error is reported with it. Whether
// a transition marks a note is known only once it runs, and por learns it when it explores
// one; a probe runs only its own path, so a transition it puts to sleep takes what earlier
// probes saw of the same fiber's same transition (its place in the fiber's order and its
// operation), and none until one has. What is learnt is what por would see wherever a
// fiber's k-th transition does the same thing on every path; elsewhere the estimate is of a
// tree near por's.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/engine/rng.h"
#include "sim/engine/sleep_set.h"
#include "sim/engine/strategy.h"

namespace aion::sim {

class ClassCountEstimator final : public Strategy {
 public:
  void begin_run(std::uint64_t seed) override;
  std::size_t choose(const Decision& decision) override;
  void end_run(std::uint64_t decisions) override;
  std::string describe() const override { return "estimate"; }

  bool observes_transitions() const override { return true; }
  void executed(std::uint32_t fiber, const PendingOp& op) override;
  void noted(std::uint32_t fiber) override;

  std::uint64_t probes() const { return probes_; }
  // Probes that ended in a class of their own (weight above 0): with none, the estimate is 0
  // for want of a sample, not because there are no classes.
  std::uint64_t complete_probes() const { return complete_probes_; }
  // The mean weight, and its standard error (0 with fewer than two probes).
  double estimate() const { return probes_ == 0 ? 0 : sum_ / static_cast<double>(probes_); }
  double standard_error() const;

 private:
  // The fiber's next transition, as probes learn it: its fiber, place and operation.
  std::uint64_t key(std::uint32_t fiber, const PendingOp& op) const;

  Rng rng_{0};
  SleepSet sleep_;
  std::vector<std::uint64_t> transitions_of_;           // by fiber, in the run under way
  std::uint64_t running_ = 0;                           // the key of the transition under way
  std::unordered_map<std::uint64_t, bool> notes_seen_;  // whether it marked a note
  double weight_ = 1;
  bool blocked_ = false;
  std::uint64_t probes_ = 0;
  std::uint64_t complete_probes_ = 0;
  double sum_ = 0;
  double sum_of_squares_ = 0;
};

}  // namespace aion::sim
