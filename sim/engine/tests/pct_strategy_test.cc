#include "sim/engine/pct_strategy.h"

#include <gtest/gtest.h>

#include <set>

#include "sim/engine/simulator.h"
#include "sim/engine/tests/programs.h"

namespace aion::sim {
namespace {

constexpr std::uint64_t kSeeds = 200;

int runs_that_deadlock(Simulator& sim, PctStrategy& pct, const testing::Program& program) {
  int found = 0;
  for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
    found += sim.run(program, RunOptions().with_seed(seed).with_strategy(&pct)).outcome ==
             Outcome::kDeadlock;
  }
  return found;
}

TEST(PctStrategyTest, DescribesDepthAndStepEstimate) {
  PctStrategy fixed(3, 50);
  fixed.begin_run(1);
  EXPECT_EQ(fixed.describe(), "pct:3:50");
  EXPECT_EQ(fixed.depth(), 3u);
  EXPECT_EQ(fixed.steps_estimate(), 50u);
}

TEST(PctStrategyTest, AdaptiveEstimateLearnsTheLongestRun) {
  Simulator sim;
  PctStrategy pct(2);
  RunResult first =
      sim.run(testing::yielders(3, 100), RunOptions().with_seed(1).with_strategy(&pct));
  ASSERT_TRUE(first.passed()) << summarize(first);
  EXPECT_EQ(first.strategy, "pct:2:100");  // the initial estimate
  ASSERT_GT(first.schedule.size(), PctStrategy::kInitialEstimate);
  const RunResult second =
      sim.run(testing::yielders(3, 100), RunOptions().with_seed(2).with_strategy(&pct));
  EXPECT_EQ(pct.steps_estimate(), first.schedule.size());
  EXPECT_EQ(second.strategy, "pct:2:" + std::to_string(first.schedule.size()));
}

// Short runs are not padded to the first guess: change points fall within the run.
TEST(PctStrategyTest, AdaptiveEstimateShrinksToShortRuns) {
  Simulator sim;
  PctStrategy pct(3);
  const RunResult first =
      sim.run(testing::yielders(2, 3), RunOptions().with_seed(1).with_strategy(&pct));
  ASSERT_LT(first.schedule.size(), PctStrategy::kInitialEstimate);
  sim.run(testing::yielders(2, 3), RunOptions().with_seed(2).with_strategy(&pct));
  EXPECT_EQ(pct.steps_estimate(), first.schedule.size());
}

TEST(PctStrategyTest, DeterministicPerSeedAndVariesAcrossSeeds) {
  Simulator sim;
  PctStrategy pct(3, 40);
  std::set<std::uint64_t> hashes;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const RunResult once =
        sim.run(testing::yielders(3, 4), RunOptions().with_seed(seed).with_strategy(&pct));
    const RunResult again =
        sim.run(testing::yielders(3, 4), RunOptions().with_seed(seed).with_strategy(&pct));
    ASSERT_EQ(once.trace_hash, again.trace_hash) << "seed " << seed;
    hashes.insert(once.trace_hash);
  }
  EXPECT_GE(hashes.size(), 5u);
}

// Without change points the highest-priority fiber runs until it blocks: the waiter can never
// be stopped between its check and its wait, so the lost wake-up (a depth-2 bug) is out of
// reach; one change point is enough to find it.
TEST(PctStrategyTest, DepthDecidesWhichBugsAreReachable) {
  Simulator sim;
  PctStrategy depth_one(1, 20);
  PctStrategy depth_two(2, 20);
  EXPECT_EQ(runs_that_deadlock(sim, depth_one, testing::lost_wakeup(false)), 0);
  EXPECT_GT(runs_that_deadlock(sim, depth_two, testing::lost_wakeup(false)), 0);
}

TEST(PctStrategyTest, DepthOneRunsEachFiberUntilItBlocks) {
  Simulator sim;
  PctStrategy depth_one(1, 100);
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const RunResult result =
        sim.run(testing::yielders(3, 10), RunOptions().with_seed(seed).with_strategy(&depth_one));
    ASSERT_TRUE(result.passed()) << summarize(result);
    // Yielding threads never block, so the only switches away from a runnable fiber are to a
    // newly started one of higher priority: at most one per thread start.
    EXPECT_LE(count_preemptions(result.schedule), 3u) << format_schedule(result.schedule);
  }
}

}  // namespace
}  // namespace aion::sim
