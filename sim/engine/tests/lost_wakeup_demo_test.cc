// The demo the engine exists for: a lost wake-up, written against the platform interface, is
// found by the random walk and by PCT within a fixed budget of seeds, reported as a deadlock
// that names the blocked fiber, and replayed to the same trace hash from its seed and from its
// choice list. The fixed program passes the same budget.
#include <gtest/gtest.h>

#include <optional>

#include "sim/engine/pct_strategy.h"
#include "sim/engine/random_strategy.h"
#include "sim/engine/replay_strategy.h"
#include "sim/engine/simulator.h"
#include "sim/engine/tests/programs.h"
#include "sim/engine/timeline.h"

namespace aion::sim {
namespace {

constexpr std::uint64_t kSeedBudget = 100;

std::optional<RunResult> first_failure(Simulator& sim, const testing::Program& program,
                                       Strategy& strategy) {
  for (std::uint64_t seed = 1; seed <= kSeedBudget; ++seed) {
    RunResult result = sim.run(program, RunOptions().with_seed(seed).with_strategy(&strategy));
    if (!result.passed()) return result;
  }
  return std::nullopt;
}

void expect_found_and_replayable(Simulator& sim, Strategy& strategy) {
  const testing::Program broken = testing::lost_wakeup(false);
  const std::optional<RunResult> found = first_failure(sim, broken, strategy);
  ASSERT_TRUE(found.has_value()) << strategy.describe() << " missed the lost wake-up";
  ASSERT_EQ(found->outcome, Outcome::kDeadlock) << summarize(*found);
  EXPECT_NE(found->message.find("fiber `waiter` blocked in wait on condvar `flag.set`"),
            std::string::npos)
      << found->message;

  // From the seed: the same strategy and seed give the same run.
  const RunResult from_seed =
      sim.run(broken, RunOptions().with_seed(found->seed).with_strategy(&strategy).with_trace());
  EXPECT_EQ(from_seed.outcome, Outcome::kDeadlock);
  EXPECT_EQ(from_seed.trace_hash, found->trace_hash);

  // From the choice list alone.
  ReplayStrategy replay(found->schedule, ReplayMode::kStrict);
  const RunResult from_schedule = sim.run(broken, RunOptions().with_strategy(&replay));
  EXPECT_EQ(from_schedule.outcome, Outcome::kDeadlock);
  EXPECT_EQ(from_schedule.trace_hash, found->trace_hash);

  std::printf("%s found: %s\nschedule: %s\n%s", strategy.describe().c_str(),
              summarize(*found).c_str(), format_schedule(found->schedule).c_str(),
              render_timeline(from_seed.trace).c_str());

  const std::optional<RunResult> fixed_failure =
      first_failure(sim, testing::lost_wakeup(true), strategy);
  EXPECT_FALSE(fixed_failure.has_value()) << summarize(*fixed_failure);
}

TEST(LostWakeupDemoTest, RandomWalkFindsAndReplaysIt) {
  Simulator sim;
  RandomStrategy random;
  expect_found_and_replayable(sim, random);
}

TEST(LostWakeupDemoTest, PctFindsAndReplaysIt) {
  Simulator sim;
  PctStrategy pct(2, 20);
  expect_found_and_replayable(sim, pct);
}

}  // namespace
}  // namespace aion::sim
