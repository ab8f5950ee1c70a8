// The run's class (RunResult::class_hash): every schedule of a program, walked exhaustively,
// falls into exactly as many classes as the program has orders of dependent events.
#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>

#include "sim/engine/exhaustive_explorer.h"
#include "sim/engine/simulator.h"
#include "sim/engine/sleep_set_explorer.h"
#include "sim/engine/tests/programs.h"

namespace aion::sim {
namespace {

using testing::binomial;
using testing::threads_running;

struct Walk {
  std::size_t runs = 0;
  std::set<std::uint64_t> classes;
  std::set<std::uint64_t> traces;
};

// Runs `program` as `strategy`'s walk asks, to its end, which it must reach.
Walk walk_with(Strategy& strategy, const testing::Program& program) {
  Simulator sim;
  Walk walk;
  while (strategy.wants_run(walk.runs) && walk.runs < 100'000) {
    const RunResult run = sim.run(program, RunOptions().with_seed(1).with_strategy(&strategy));
    EXPECT_TRUE(run.passed()) << summarize(run);
    ++walk.runs;
    walk.classes.insert(run.class_hash);
    walk.traces.insert(run.trace_hash);
  }
  EXPECT_TRUE(strategy.covered());
  EXPECT_EQ(strategy.warning(), "");
  return walk;
}

// Every schedule (no preemption bound that a small program reaches).
Walk walk_all(const testing::Program& program) {
  ExhaustiveExplorer explorer(64);
  return walk_with(explorer, program);
}

// `threads` threads, each running `body(platform, its index)`, started and joined by main.
TEST(CausalClass, IndependentThreadsAreOneClassHoweverTheyInterleave) {
  const Walk walk = walk_all(threads_running(2, [](platform::Platform& p, int i) {
    auto own = p.new_mutex("own" + std::to_string(i));
    platform::LockGuard lock(*own);
    p.access("own-object" + std::to_string(i), platform::Access::kWrite);
    p.yield_point("step");
  }));
  EXPECT_GT(walk.traces.size(), 100u);
  EXPECT_EQ(walk.classes.size(), 1u);
}

TEST(CausalClass, TwoThreadsWritingOneObjectKTimesHaveChoose2KKClasses) {
  for (int k = 1; k <= 3; ++k) {
    const Walk walk = walk_all(threads_running(2, [k](platform::Platform& p, int) {
      for (int j = 0; j < k; ++j) p.access("x", platform::Access::kWrite);
    }));
    EXPECT_EQ(walk.classes.size(), binomial(2 * k, k)) << "k " << k;
    EXPECT_GE(walk.traces.size(), walk.classes.size());
  }
}

TEST(CausalClass, CriticalSectionsOnOneMutexOrderAsTheirLocksDo) {
  for (int k = 1; k <= 3; ++k) {
    const Walk walk = walk_all([k](platform::Platform& p) {
      auto mutex = p.new_mutex("m");
      auto body = [&] {
        for (int j = 0; j < k; ++j) {
          platform::LockGuard lock(*mutex);
        }
      };
      auto a = p.start_thread("a", body);
      auto b = p.start_thread("b", body);
      a.thread->join();
      b.thread->join();
    });
    EXPECT_EQ(walk.classes.size(), binomial(2 * k, k)) << "k " << k;
  }
}

// Reads commute with reads, not with writes.
TEST(CausalClass, ReadsCommuteWritesDoNot) {
  const auto readers = walk_all(threads_running(3, [](platform::Platform& p, int) {
    p.access("x", platform::Access::kRead);
    p.access("x", platform::Access::kRead);
  }));
  EXPECT_EQ(readers.classes.size(), 1u);
  // One writer among two readers: the write comes before both, between them, or after both,
  // for each reader independently: before or after it, so 2 x 2.
  const auto mixed = walk_all(threads_running(3, [](platform::Platform& p, int i) {
    p.access("x", i == 0 ? platform::Access::kWrite : platform::Access::kRead);
  }));
  EXPECT_EQ(mixed.classes.size(), 4u);
}

// Which thread starts which does not depend on creation order: two threads that each start a
// child of their own are one class whichever child is created first.
TEST(CausalClass, ThreadIdentityComesFromWhereAThreadWasStarted) {
  const Walk walk = walk_all(threads_running(2, [](platform::Platform& p, int i) {
    auto child = p.start_thread(
        "child", [&p, i] { p.access("own" + std::to_string(i), platform::Access::kWrite); });
    child.thread->join();
  }));
  EXPECT_GT(walk.traces.size(), 1u);
  EXPECT_EQ(walk.classes.size(), 1u);
}

// Waits, notifies and timers are events too: a condvar handshake has several classes, far
// fewer than schedules, and the same schedule is always the same class.
TEST(CausalClass, ACondvarHandshakeHasFewerClassesThanSchedules) {
  const Walk walk = walk_all(testing::lost_wakeup(true));
  EXPECT_GT(walk.classes.size(), 1u);
  EXPECT_LT(walk.classes.size(), walk.traces.size());
  Simulator sim;
  const RunResult first = sim.run(testing::lost_wakeup(true), RunOptions().with_seed(5));
  const RunResult again = sim.run(testing::lost_wakeup(true), RunOptions().with_seed(5));
  EXPECT_EQ(first.class_hash, again.class_hash);
}

struct PorWalk {
  Walk walk;
  std::size_t complete = 0;  // runs not blocked by sleep sets
};

PorWalk walk_por(const testing::Program& program) {
  SleepSetExplorer explorer;
  PorWalk por{walk_with(explorer, program)};
  por.complete = por.walk.runs - explorer.blocked_runs();
  return por;
}

// por covers every class the exhaustive walk finds, one complete run each.
TEST(CausalClass, PorRunsEachClassOnce) {
  const std::vector<std::pair<const char*, testing::Program>> programs = {
      {"independent", threads_running(2,
                                      [](platform::Platform& p, int i) {
                                        auto own = p.new_mutex("own" + std::to_string(i));
                                        platform::LockGuard lock(*own);
                                        p.access("o" + std::to_string(i), platform::Access::kWrite);
                                      })},
      {"writers", threads_running(2,
                                  [](platform::Platform& p, int) {
                                    for (int j = 0; j < 3; ++j) {
                                      p.access("x", platform::Access::kWrite);
                                    }
                                  })},
      {"readers and a writer", threads_running(3,
                                               [](platform::Platform& p, int i) {
                                                 p.access("x", i == 0 ? platform::Access::kWrite
                                                                      : platform::Access::kRead);
                                               })},
      {"handshake", testing::lost_wakeup(true)},
  };
  for (const auto& [name, program] : programs) {
    const Walk all = walk_all(program);
    const PorWalk por = walk_por(program);
    EXPECT_EQ(por.walk.classes, all.classes) << name;
    EXPECT_EQ(por.complete, all.classes.size()) << name;
    EXPECT_LE(por.walk.runs, all.runs) << name;
  }
  // Two threads writing one object three times: C(6, 3) classes, 20 complete runs.
  EXPECT_EQ(walk_por(programs[1].second).complete, 20u);
  EXPECT_EQ(walk_por(programs[0].second).complete, 1u);
}

}  // namespace
}  // namespace aion::sim
