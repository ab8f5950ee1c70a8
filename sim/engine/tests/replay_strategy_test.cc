#include "sim/engine/replay_strategy.h"

#include <gtest/gtest.h>

#include "sim/engine/pct_strategy.h"
#include "sim/engine/simulator.h"
#include "sim/engine/tests/programs.h"

namespace aion::sim {
namespace {

TEST(ReplayStrategyTest, StrictReplayReproducesTheTraceHash) {
  Simulator sim;
  PctStrategy pct(3, 30);
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const RunResult original =
        sim.run(testing::locked_counter(3), RunOptions().with_seed(seed).with_strategy(&pct));
    ASSERT_TRUE(original.passed()) << summarize(original);
    ReplayStrategy replay(original.schedule, ReplayMode::kStrict);
    // A different seed: the replay depends on the choice list alone.
    const RunResult replayed = sim.run(testing::locked_counter(3),
                                       RunOptions().with_seed(seed + 1000).with_strategy(&replay));
    EXPECT_EQ(replayed.outcome, Outcome::kPassed) << summarize(replayed);
    EXPECT_EQ(replayed.trace_hash, original.trace_hash);
    EXPECT_EQ(replayed.schedule, original.schedule);
  }
}

TEST(ReplayStrategyTest, StrictReplayReportsDivergenceWithStepAndBothSides) {
  Simulator sim;
  const RunResult original = sim.run(testing::yielders(2, 3), RunOptions().with_seed(3));
  ASSERT_TRUE(original.passed());
  ASSERT_GE(original.schedule.size(), 4u);
  // The recording claims one more runnable fiber at its fourth choice than the live run has.
  Schedule altered = original.schedule;
  Choice& claimed = altered[3];
  ++claimed.options;
  ReplayStrategy replay(altered, ReplayMode::kStrict);
  const RunResult diverged =
      sim.run(testing::yielders(2, 3), RunOptions().with_seed(3).with_strategy(&replay));
  ASSERT_EQ(diverged.outcome, Outcome::kDivergence) << summarize(diverged);
  EXPECT_EQ(diverged.message,
            "replay diverged at step " + std::to_string(claimed.step) +
                " (choice #3): the schedule has a scheduling choice of position " +
                std::to_string(claimed.value) + " among " + std::to_string(claimed.options) +
                " enabled fibers, recorded at step " + std::to_string(claimed.step) +
                "; the live run has a scheduling decision among " +
                std::to_string(claimed.options - 1) + " enabled fibers");
  EXPECT_EQ(diverged.steps, claimed.step);
}

TEST(ReplayStrategyTest, StrictReplayOfAnotherProgramDiverges) {
  Simulator sim;
  const RunResult original = sim.run(testing::yielders(2, 3), RunOptions().with_seed(3));
  ReplayStrategy replay(original.schedule, ReplayMode::kStrict);
  const RunResult diverged =
      sim.run(testing::yielders(3, 3), RunOptions().with_seed(3).with_strategy(&replay));
  ASSERT_EQ(diverged.outcome, Outcome::kDivergence) << summarize(diverged);
  EXPECT_EQ(diverged.message.rfind("replay diverged at step ", 0), 0u) << diverged.message;
}

TEST(ReplayStrategyTest, StrictReplayRejectsAnOutOfRangeChoice) {
  Simulator sim;
  RunResult original = sim.run(testing::yielders(2, 3), RunOptions().with_seed(4));
  ASSERT_GE(original.schedule.size(), 3u);
  Schedule corrupted = original.schedule;
  corrupted[2].value = corrupted[2].options;  // one past the last option
  ReplayStrategy replay(corrupted, ReplayMode::kStrict);
  const RunResult diverged =
      sim.run(testing::yielders(2, 3), RunOptions().with_seed(4).with_strategy(&replay));
  ASSERT_EQ(diverged.outcome, Outcome::kDivergence);
  EXPECT_NE(diverged.message.find("(choice #2)"), std::string::npos) << diverged.message;
  EXPECT_NE(diverged.message.find("step " + std::to_string(corrupted[2].step)), std::string::npos)
      << diverged.message;
  // The run stopped at the divergence: only the two good choices were made.
  EXPECT_EQ(diverged.schedule.size(), 2u);
}

TEST(ReplayStrategyTest, LenientReplayTakesValuesModuloTheOptions) {
  Simulator sim;
  // Every decision of two yielding threads (plus main) has 2 or 3 options; a value of 6 is
  // position 0 either way, 7 is position 1.
  ReplayStrategy big =
      ReplayStrategy::lenient(std::vector<std::uint32_t>{7, 6, 7, 6, 7, 6, 7, 6, 7, 6, 7, 6});
  ReplayStrategy reduced =
      ReplayStrategy::lenient(std::vector<std::uint32_t>{1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0});
  const RunResult from_big =
      sim.run(testing::yielders(2, 4), RunOptions().with_seed(1).with_strategy(&big));
  const RunResult from_reduced =
      sim.run(testing::yielders(2, 4), RunOptions().with_seed(1).with_strategy(&reduced));
  ASSERT_TRUE(from_big.passed());
  EXPECT_EQ(from_big.trace_hash, from_reduced.trace_hash);
  for (const Choice& choice : from_big.schedule) {
    EXPECT_TRUE(choice.options == 2 || choice.options == 3);
  }
}

TEST(ReplayStrategyTest, AfterTheListTheCurrentFiberKeepsRunning) {
  Simulator sim;
  ReplayStrategy empty = ReplayStrategy::lenient({});
  const RunResult result =
      sim.run(testing::yielders(2, 5), RunOptions().with_seed(1).with_strategy(&empty));
  ASSERT_TRUE(result.passed());
  EXPECT_EQ(count_preemptions(result.schedule), 0u) << format_schedule(result.schedule);
}

TEST(ReplayStrategyTest, ScheduleWithFaultsSurvivesTextRoundTrip) {
  Simulator sim;
  FaultPlan faults;
  faults.set(FaultSite::kWakeupDelayed, 0.5);
  RunResult original;
  for (std::uint64_t seed = 1;
       seed <= 100 && original.faults.injected_at(FaultSite::kWakeupDelayed) == 0; ++seed) {
    original =
        sim.run(testing::lost_wakeup(true), RunOptions().with_seed(seed).with_faults(faults));
  }
  ASSERT_EQ(original.faults.injected_at(FaultSite::kWakeupDelayed), 1u);
  const std::optional<Schedule> parsed = parse_schedule(format_schedule(original.schedule));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(*parsed, original.schedule);
  ReplayStrategy replay(*parsed, ReplayMode::kStrict);
  EXPECT_EQ(sim.run(testing::lost_wakeup(true), RunOptions().with_seed(0).with_strategy(&replay))
                .trace_hash,
            original.trace_hash);
}

}  // namespace
}  // namespace aion::sim
