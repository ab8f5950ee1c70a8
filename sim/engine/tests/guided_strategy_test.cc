// guided learns only from the runs of the program it is given, the same way for the same
// seed; each run is the one its next_choices() or next_form() announced (so a crash guard's file
// replays it); and it finds a lost wake-up that its fixed twin never shows.
#include "sim/engine/guided_strategy.h"

#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>

#include "sim/engine/replay_strategy.h"
#include "sim/engine/simulator.h"
#include "sim/engine/strategy_registry.h"
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

TEST(GuidedStrategy, EachRunIsTheOneItAnnounced) {
  Simulator sim;
  GuidedStrategy guided(1000, 3);
  std::set<std::uint64_t> classes;
  int sampled = 0;
  for (int run = 0; run < 200; ++run) {
    const std::string form = guided.next_form();
    const std::unique_ptr<Strategy> announced =
        form.empty()
            ? std::make_unique<ReplayStrategy>(ReplayStrategy::lenient(guided.next_choices()))
            : build_strategy(strategy_named(form), {});
    sampled += !form.empty();
    const RunResult ran =
        sim.run(testing::contended_mutex(3, 3), RunOptions().with_seed(3).with_strategy(&guided));
    const RunResult again = sim.run(testing::contended_mutex(3, 3),
                                    RunOptions().with_seed(3).with_strategy(announced.get()));
    ASSERT_EQ(ran.trace_hash, again.trace_hash) << "run " << run << " " << form;
    classes.insert(ran.class_hash);
  }
  EXPECT_GT(classes.size(), 10u);
  EXPECT_GT(sampled, 10);
  EXPECT_LT(sampled, 150);
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
