// How many classes a scenario has, when there are too many to walk: Knuth's estimator (Math.
// Comp. 29, 1975) over por's tree, whose complete leaves are one per class.
//
// Each run is one probe: a random path down the tree that por walks depth-first. At each
// decision it picks one of the transitions that are awake (not in the sleep set) uniformly,
// and the transitions a depth-first walk would have tried before it there go to sleep below
// it, as in por. The probe's weight is the product of the numbers of awake transitions along
// its path, or 0 when the path ends in a repeat (every enabled transition asleep); the mean
// weight over probes is an unbiased estimate of the number of complete leaves, so of classes.
// Its error can be large for lopsided trees: the standard error is reported with it.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
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

  std::uint64_t probes() const { return probes_; }
  // The mean weight, and its standard error (0 with fewer than two probes).
  double estimate() const { return probes_ == 0 ? 0 : sum_ / static_cast<double>(probes_); }
  double standard_error() const;

 private:
  Rng rng_{0};
  SleepSet sleep_;
  double weight_ = 1;
  bool blocked_ = false;
  std::uint64_t probes_ = 0;
  double sum_ = 0;
  double sum_of_squares_ = 0;
};

}  // namespace aion::sim
