// How many classes a scenario has, when there are too many to walk: Knuth's estimator (Math.
// Comp. 29, 1975) over the tree of every schedule, each schedule weighed by the inverse of the
// size of its class.
//
// Each run is one probe: a path down the tree chosen uniformly at each decision, so drawn with
// probability 1/W, W the product of the options along it. A schedule's class is its
// happens-before relation (happens_before.h), and the schedules of a class are the orders of its
// transitions that keep that relation: its linear extensions, L of them (linear_extensions.h).
// The probe's weight W / L has mean sum over schedules of 1/L, which is the number of classes:
// unbiased, with no sleep sets and nothing learnt between probes, however deep the tree. It
// holds where the dependence that happens-before records is sound (what dpor relies on too).
// A probe whose relation has too many downsets to count in `max_level` per level is left out
// of the mean and counted apart: with such probes the estimate is of the others' classes only.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/engine/happens_before.h"
#include "sim/engine/rng.h"
#include "sim/engine/strategy.h"

namespace aion::sim {

class ClassCountEstimator final : public Strategy {
 public:
  explicit ClassCountEstimator(std::size_t max_level = 200'000) : max_level_(max_level) {}

  void begin_run(std::uint64_t seed) override;
  std::size_t choose(const Decision& decision) override;
  void end_run(std::uint64_t decisions) override;
  std::string describe() const override { return "estimate"; }

  bool observes_transitions() const override { return true; }
  void executed(std::uint32_t fiber, const PendingOp& op, bool forced_yield) override;
  void woke(std::uint32_t fiber, std::uint32_t waker) override;
  void noted(std::uint32_t fiber) override;

  std::uint64_t probes() const { return probes_; }
  // Probes whose class size was counted (the others had too many downsets).
  std::uint64_t counted_probes() const { return counted_; }
  // The mean weight over the counted probes, and its standard error (0 with fewer than two).
  double estimate() const { return counted_ == 0 ? 0 : sum_ / static_cast<double>(counted_); }
  double standard_error() const;

 private:
  std::size_t max_level_;
  Rng rng_{0};
  HappensBefore hb_;
  std::vector<std::int32_t> races_;  // what record() reports; not needed here
  double log_weight_ = 0;
  std::uint64_t probes_ = 0;
  std::uint64_t counted_ = 0;
  double sum_ = 0;
  double sum_of_squares_ = 0;
};

}  // namespace aion::sim
