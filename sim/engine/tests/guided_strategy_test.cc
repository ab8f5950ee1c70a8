// guided learns only from the runs of the program it is given, the same way for the same
// seed; each run is the one its next_choices() announced (so a crash guard's file replays
// it); and it finds a lost wake-up that its fixed twin never shows.
#include "sim/engine/guided_strategy.h"

#include <gtest/gtest.h>

#include <set>

#include "sim/engine/replay_strategy.h"
#include "sim/engine/simulator.h"
#include "sim/engine/tests/programs.h"

namespace aion::sim {
namespace {

TEST(GuidedStrategy, TheSameSeedIsTheSameRuns) {
  Simulator sim;
  GuidedStrategy a(1000, 7), b(1000, 7);
  for (int run = 0; run < 200; ++run) {
    const RunResult first =
        sim.run(testing::contended_mutex(3, 3), RunOptions().with_seed(7).with_strategy(&a));
    const RunResult second =
        sim.run(testing::contended_mutex(3, 3), RunOptions().with_seed(7).with_strategy(&b));
    ASSERT_EQ(first.trace_hash, second.trace_hash) << "run " << run;
  }
  EXPECT_EQ(a.corpus_size(), b.corpus_size());
  EXPECT_GT(a.corpus_size(), 1u);
  EXPECT_LT(a.corpus_size(), 200u);
}

TEST(GuidedStrategy, EachRunFollowsTheChoicesItAnnounced) {
  Simulator sim;
  GuidedStrategy guided(1000, 3);
  std::set<std::uint64_t> classes;
  for (int run = 0; run < 200; ++run) {
    const std::vector<std::uint32_t> announced = guided.next_choices();
    const RunResult ran =
        sim.run(testing::contended_mutex(3, 3), RunOptions().with_seed(3).with_strategy(&guided));
    ReplayStrategy replay = ReplayStrategy::lenient(announced);
    const RunResult again =
        sim.run(testing::contended_mutex(3, 3), RunOptions().with_seed(3).with_strategy(&replay));
    ASSERT_EQ(ran.trace_hash, again.trace_hash) << "run " << run;
    classes.insert(ran.class_hash);
  }
  EXPECT_GT(classes.size(), 10u);
}

int runs_to_failure(const testing::Program& program, int limit) {
  Simulator sim;
  GuidedStrategy guided(1000, 1);
  for (int run = 1; run <= limit; ++run) {
    if (!sim.run(program, RunOptions().with_seed(1).with_strategy(&guided)).passed()) return run;
  }
  return 0;
}

TEST(GuidedStrategy, FindsALostWakeUpThatTheFixedTwinNeverShows) {
  EXPECT_GT(runs_to_failure(testing::lost_wakeup(false), 1000), 0);
  EXPECT_EQ(runs_to_failure(testing::lost_wakeup(true), 2000), 0);
}

}  // namespace
}  // namespace aion::sim
