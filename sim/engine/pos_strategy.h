// Partial-order sampling, POS (Yuan, Yang, Gu, CAV 2018): a randomized strategy that samples
// the run's classes (orders of dependent events) far more evenly than a random walk.
//
// Every fiber's pending operation (Decision::pending) gets a random priority when it is first
// seen; the enabled fiber of highest priority runs. Once it runs, every other fiber whose
// pending operation conflicts with the one that ran (the same object, not two reads) draws a
// fresh priority, and the fiber that ran draws one for its next operation. A long run of
// independent steps by one fiber therefore does not keep racing events waiting, as it does
// under a random walk, where a race decided late in a long run is exponentially rare: POS
// reaches each order of two racing events with probability polynomial in the run's length.
// Operations with no object of their own (yield points, sleeps, time reads) conflict with none.
//
// Deterministic per seed (stream "pos"); text form `pos`. `pos:S` draws its stream from S
// instead of the run's seed: the form in which a strategy that runs POS from a stream of its
// own (guided's fresh runs) announces a run, which then replays on the program's seed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/rng.h"
#include "sim/engine/strategy.h"
#include "sim/engine/strategy_kind.h"

namespace aion::sim {

class PosStrategy final : public Strategy {
 public:
  explicit PosStrategy(std::optional<std::uint64_t> stream = std::nullopt) : stream_(stream) {}

  void begin_run(std::uint64_t seed) override;
  std::size_t choose(const Decision& decision) override;
  std::string describe() const override;

 private:
  struct Entry {
    bool known = false;  // has a priority for `op`
    PendingOp op;
    std::uint64_t priority = 0;
  };

  std::optional<std::uint64_t> stream_;
  Rng rng_;
  std::vector<Entry> fibers_;  // by fiber index
};

// `pos[:S]`.
const StrategyKind& pos_strategy_kind();

}  // namespace aion::sim
