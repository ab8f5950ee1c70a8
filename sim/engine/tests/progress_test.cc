// Progress and fairness: a run that keeps its fibers busy without marking progress is a
// livelock only once it was scheduled fairly; one that keeps marking progress past its step
// budget is a long run; a strategy that starves a fiber does not make a livelock.
#include <gtest/gtest.h>

#include <string>

#include "sim/engine/replay_strategy.h"
#include "sim/engine/simulator.h"

namespace aion::sim {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Two fibers hand a token back and forth for ever; nothing ever gets done.
void token_ring(platform::Platform& p) {
  auto mutex = p.new_mutex("token.mutex");
  auto passed = p.new_condvar("token.passed");
  int holder = 0;
  auto player = [&](int me) {
    platform::LockGuard lock(*mutex);
    for (;;) {
      while (holder != me) passed->wait(*mutex);
      holder = 1 - me;
      passed->notify_all();
    }
  };
  auto ping = p.start_thread("ping", [&] { player(0); });
  auto pong = p.start_thread("pong", [&] { player(1); });
  ping.thread->join();
  pong.thread->join();
}

TEST(ProgressTest, HandingATokenWithoutProgressIsALivelockNamingBoth) {
  Simulator sim;
  const RunResult result = sim.run(token_ring, RunOptions().with_seed(3).with_livelock_steps(1000));
  ASSERT_EQ(result.outcome, Outcome::kLivelock) << summarize(result);
  EXPECT_TRUE(contains(result.message, "no progress for")) << result.message;
  EXPECT_TRUE(contains(result.message, "fiber `ping` (")) << result.message;
  EXPECT_TRUE(contains(result.message, "fiber `pong` (")) << result.message;
  EXPECT_TRUE(contains(result.message, "`token.passed`")) << result.message;
  EXPECT_FALSE(contains(result.message, "fiber `main`")) << result.message;
  // One quiet window, then a fair one as long.
  EXPECT_GT(result.steps, 2000u);
  EXPECT_LT(result.steps, 2100u);
}

TEST(ProgressTest, WithoutDetectionTheSameRunOnlyExceedsItsBudget) {
  Simulator sim;
  const RunResult result = sim.run(token_ring, RunOptions().with_seed(3).with_max_steps(5000));
  ASSERT_EQ(result.outcome, Outcome::kStepBudgetExceeded) << summarize(result);
  EXPECT_TRUE(contains(result.message, "livelock or a long run?")) << result.message;
}

TEST(ProgressTest, ARunThatKeepsMarkingProgressPastItsBudgetIsLong) {
  Simulator sim;
  const RunResult result = sim.run(
      [](platform::Platform& p) {
        for (std::uint64_t i = 0;; ++i) {
          p.yield_point("work");
          if (i % 10 == 0) p.note("item done", i);
        }
      },
      RunOptions().with_max_steps(5000).with_livelock_steps(1000));
  ASSERT_EQ(result.outcome, Outcome::kLongRun) << summarize(result);
  EXPECT_TRUE(contains(result.message, "still making progress")) << result.message;
  EXPECT_TRUE(contains(result.message, "budget of 5000 scheduling points")) << result.message;
  EXPECT_TRUE(contains(result.message, "one every 10 points")) << result.message;
  EXPECT_EQ(result.notes, 500u);
}

// The spinner waits for a flag that only the setter sets; a strategy that keeps the current
// fiber running starves the setter for ever. The fair phase lets it run.
TEST(ProgressTest, StarvationByTheStrategyIsNotALivelock) {
  Simulator sim;
  ReplayStrategy keep_current = ReplayStrategy::lenient({});
  bool flag = false;
  const RunResult result = sim.run(
      [&](platform::Platform& p) {
        flag = false;
        auto spinner = p.start_thread("spinner", [&] {
          while (!flag) p.yield_point("spin");
          p.note("saw the flag");
        });
        auto setter = p.start_thread("setter", [&] {
          flag = true;
          p.note("set the flag");
        });
        spinner.thread->join();
        setter.thread->join();
      },
      RunOptions().with_strategy(&keep_current).with_livelock_steps(500));
  EXPECT_TRUE(result.passed()) << summarize(result);
  EXPECT_GT(result.steps, 500u);
  EXPECT_EQ(result.notes, 2u);
}

TEST(ProgressTest, NotesAreNotSchedulingPoints) {
  Simulator sim;
  auto body = [](bool noted) {
    return [noted](platform::Platform& p) {
      p.yield_point("a");
      if (noted) p.note("something happened", 7);
      p.yield_point("b");
    };
  };
  const RunResult plain = sim.run(body(false), RunOptions().with_trace());
  const RunResult noted = sim.run(body(true), RunOptions().with_trace());
  EXPECT_EQ(plain.steps, noted.steps);
  EXPECT_NE(plain.trace_hash, noted.trace_hash);
  ASSERT_EQ(noted.trace.size(), plain.trace.size() + 1);
  bool found = false;
  for (const Event& event : noted.trace) {
    if (event.op != Op::kNote) continue;
    found = true;
    EXPECT_EQ(event.object, "something happened");
    EXPECT_EQ(event.subject, 7u);
    EXPECT_EQ(event.fiber_name, "main");
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace aion::sim
