#include "sim/engine/random_strategy.h"

#include <gtest/gtest.h>

#include <set>

#include "sim/engine/simulator.h"
#include "sim/engine/tests/programs.h"

namespace aion::sim {
namespace {

TEST(RandomStrategyTest, DifferentSeedsReachDifferentInterleavings) {
  Simulator sim;
  RandomStrategy random;
  std::set<std::uint64_t> hashes;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const RunResult result =
        sim.run(testing::yielders(2, 3), RunOptions().with_seed(seed).with_strategy(&random));
    ASSERT_TRUE(result.passed()) << summarize(result);
    hashes.insert(result.trace_hash);
  }
  EXPECT_GE(hashes.size(), 10u);
}

TEST(RandomStrategyTest, SameSeedSameSchedule) {
  Simulator sim;
  RandomStrategy random;
  const RunResult first =
      sim.run(testing::yielders(3, 4), RunOptions().with_seed(99).with_strategy(&random));
  const RunResult second =
      sim.run(testing::yielders(3, 4), RunOptions().with_seed(99).with_strategy(&random));
  EXPECT_EQ(first.trace_hash, second.trace_hash);
  EXPECT_EQ(first.schedule, second.schedule);
  EXPECT_FALSE(first.schedule.empty());
}

TEST(RandomStrategyTest, IsTheDefaultStrategy) {
  Simulator sim;
  RandomStrategy random;
  const RunResult explicit_random =
      sim.run(testing::yielders(2, 5), RunOptions().with_seed(5).with_strategy(&random));
  const RunResult by_default = sim.run(testing::yielders(2, 5), RunOptions().with_seed(5));
  EXPECT_EQ(explicit_random.trace_hash, by_default.trace_hash);
  EXPECT_EQ(by_default.strategy, "random");
}

TEST(RandomStrategyTest, MutualExclusionHoldsUnderManySchedules) {
  Simulator sim;
  for (std::uint64_t seed = 1; seed <= 50; ++seed) {
    const RunResult result = sim.run(testing::locked_counter(5), RunOptions().with_seed(seed));
    ASSERT_TRUE(result.passed()) << summarize(result);
  }
}

}  // namespace
}  // namespace aion::sim
