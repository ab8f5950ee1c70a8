// Partial-order sampling reaches a race decided late in a long run at least as often as its
// theory says (1 in n+1 for n independent steps before it; more here, since slow starts
// before fast exists), where a random walk almost never does; it replays from its seed and
// finds the lost wake-up; with a stream of its own (pos:S) the seed does not move it.
#include "sim/engine/pos_strategy.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "sim/engine/random_strategy.h"
#include "sim/engine/simulator.h"
#include "sim/engine/tests/programs.h"

namespace aion::sim {
namespace {

// `slow` takes `steps` independent steps, then writes x; `fast` writes x at once. Returns the
// runs (of `runs`) in which slow's write came first.
int slow_first(Strategy& strategy, int steps, int runs) {
  Simulator sim;
  int first = 0;
  for (int seed = 1; seed <= runs; ++seed) {
    std::string order;
    const RunResult run = sim.run(
        [&](platform::Platform& p) {
          auto slow = p.start_thread("slow", [&] {
            for (int i = 0; i < steps; ++i) p.yield_point("slow.step");
            p.access("x", platform::Access::kWrite);
            order += 's';
          });
          auto fast = p.start_thread("fast", [&] {
            p.access("x", platform::Access::kWrite);
            order += 'f';
          });
          slow.thread->join();
          fast.thread->join();
        },
        RunOptions().with_seed(static_cast<std::uint64_t>(seed)).with_strategy(&strategy));
    EXPECT_TRUE(run.passed()) << summarize(run);
    first += order == "sf" ? 1 : 0;
  }
  return first;
}

TEST(PosStrategy, ReachesALateRaceAboutOnceInNPlusOneRuns) {
  constexpr int kSteps = 10;
  constexpr int kRuns = 2000;
  PosStrategy pos;
  RandomStrategy random;
  const int by_pos = slow_first(pos, kSteps, kRuns);
  const int by_random = slow_first(random, kSteps, kRuns);
  // Theory: at least kRuns / (kSteps + 1), about 180; a random walk: about kRuns / 2^kSteps.
  EXPECT_GT(by_pos, kRuns / (kSteps + 1)) << "random walk: " << by_random;
  EXPECT_GT(by_pos, 10 * std::max(by_random, 1)) << "random walk: " << by_random;
}

TEST(PosStrategy, TheSameSeedIsTheSameRun) {
  Simulator sim;
  PosStrategy a, b;
  const RunResult first =
      sim.run(testing::yielders(3, 5), RunOptions().with_seed(9).with_strategy(&a));
  const RunResult second =
      sim.run(testing::yielders(3, 5), RunOptions().with_seed(9).with_strategy(&b));
  EXPECT_EQ(first.trace_hash, second.trace_hash);
  EXPECT_EQ(first.strategy, "pos");
}

// pos:S: the stream S, not the run's seed, decides the schedule.
TEST(PosStrategy, AStreamOfItsOwnIsTheSameRunOnAnySeed) {
  Simulator sim;
  std::set<std::uint64_t> traces;
  for (std::uint64_t stream = 1; stream <= 50; ++stream) {
    PosStrategy a(stream), b(stream);
    const RunResult first =
        sim.run(testing::contended_mutex(3, 3), RunOptions().with_seed(9).with_strategy(&a));
    const RunResult second =
        sim.run(testing::contended_mutex(3, 3), RunOptions().with_seed(10).with_strategy(&b));
    ASSERT_EQ(first.trace_hash, second.trace_hash) << "stream " << stream;
    EXPECT_EQ(first.strategy, "pos:" + std::to_string(stream));
    traces.insert(first.trace_hash);
  }
  EXPECT_GT(traces.size(), 5u);
}

TEST(PosStrategy, FindsTheLostWakeup) {
  Simulator sim;
  PosStrategy pos;
  int deadlocks = 0;
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    deadlocks +=
        sim.run(testing::lost_wakeup(false), RunOptions().with_seed(seed).with_strategy(&pos))
            .outcome == Outcome::kDeadlock;
  }
  EXPECT_GT(deadlocks, 0);
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    const RunResult run =
        sim.run(testing::lost_wakeup(true), RunOptions().with_seed(seed).with_strategy(&pos));
    EXPECT_TRUE(run.passed()) << summarize(run);
  }
}

}  // namespace
}  // namespace aion::sim
