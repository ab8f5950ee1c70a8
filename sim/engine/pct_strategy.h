// PCT, probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte,
// ASPLOS 2010), adapted to threads created on the fly.
//
// Each fiber gets a random priority when the strategy first sees it (inserted at a uniformly
// random rank among the fibers never demoted: the initial priorities d..d+n-1 as a random
// permutation). The highest-priority runnable fiber always runs. d-1 change points are drawn
// uniformly from [1, k], where k estimates the number of decisions in a run; at the i-th change
// point the fiber about to run drops to priority d-i, below every initial priority (so later
// drops land lower). Decisions are counted only where there is a choice (two or more runnable).
//
// Guarantee (from the paper): a bug of depth d (needing d ordering constraints) in a program
// of n threads and k steps is found by one run with probability at least 1/(n * k^(d-1)).
//
// k is fixed when given; with estimated_steps == 0 it adapts: the largest decision count of
// the runs seen so far by this object, shorter or longer than the first guess
// (kInitialEstimate, before the first run). describe() prints the text form `pct:D:K` with the
// k of the latest run (before any, of the next), e.g. "pct:3:212", which replays that run from
// its seed. Deterministic per seed (stream "pct"), given the same k.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/engine/rng.h"
#include "sim/engine/strategy.h"
#include "sim/engine/strategy_kind.h"

namespace aion::sim {

class PctStrategy final : public Strategy {
 public:
  static constexpr std::uint64_t kInitialEstimate = 100;

  explicit PctStrategy(std::uint32_t depth, std::uint64_t estimated_steps = 0);

  void begin_run(std::uint64_t seed) override;
  std::size_t choose(const Decision& decision) override;
  void end_run(std::uint64_t decisions) override;
  std::string describe() const override;

  std::uint32_t depth() const { return depth_; }
  std::uint64_t steps_estimate() const { return k_; }

 private:
  void admit_new_fibers(const Decision& decision);
  std::uint32_t highest_runnable() const;
  void demote(std::uint32_t fiber);

  std::uint32_t depth_;
  std::uint64_t fixed_k_;
  std::uint64_t k_;
  std::uint64_t largest_seen_ = 0;
  Rng rng_;
  std::uint64_t decisions_ = 0;
  std::vector<std::uint64_t> change_points_;  // ascending, consumed from the front
  std::size_t next_change_ = 0;
  std::vector<std::uint32_t> by_priority_;  // fiber indices, highest priority first
  std::size_t undemoted_ = 0;               // leading entries of by_priority_ never demoted
  std::vector<std::uint8_t> known_;         // by fiber index: has a priority
  std::vector<std::uint8_t> runnable_;      // by fiber index, for the current decision
};

// `pct:D[:K]`: without K, k is learned (calibrate() completes the form from a program's runs).
const StrategyKind& pct_strategy_kind();

// A form whose last parameter, PCT's K, was left out, completed with the longest of the
// program's runs (as SCTBench estimates k).
StrategySpec with_k_of_longest_run(const StrategySpec& spec,
                                   std::span<const std::uint64_t> decisions);

}  // namespace aion::sim
