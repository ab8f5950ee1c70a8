#include <gtest/gtest.h>

#include "sim/engine/simulator.h"

namespace aion::sim {
namespace {

using platform::kMillisecond;
using platform::kSecond;
using platform::Nanos;

// Virtual time moves only when nothing can run: a sleep is a jump of the clock, not a wait.
// (That it costs no wall time is a figure of the benchmark; tests do not time themselves.)
TEST(VirtualTimeTest, SleepingTenSecondsMovesTheClockByTenSeconds) {
  Simulator sim;
  Nanos before = -1;
  Nanos after = -1;
  const RunResult result = sim.run([&](platform::Platform& p) {
    before = p.now();
    p.sleep_for(10 * kSecond);
    after = p.now();
  });
  ASSERT_TRUE(result.passed()) << summarize(result);
  EXPECT_EQ(before, 0);
  EXPECT_EQ(after, 10 * kSecond);
  EXPECT_EQ(result.virtual_time, 10 * kSecond);
}

TEST(VirtualTimeTest, PollingEveryTenMillisecondsForAnHourIsAnHourOfVirtualTime) {
  Simulator sim;
  int polls = 0;
  const RunResult result = sim.run([&](platform::Platform& p) {
    while (p.now() < 3600 * kSecond) {
      ++polls;
      p.sleep_for(10 * kMillisecond);
    }
  });
  ASSERT_TRUE(result.passed()) << summarize(result);
  EXPECT_EQ(polls, 360'000);
  EXPECT_EQ(result.virtual_time, 3600 * kSecond);
}

TEST(VirtualTimeTest, TimedWaitTimesOutAtTheRightVirtualTime) {
  Simulator sim;
  bool notified = true;
  Nanos woke_at = -1;
  const RunResult result = sim.run([&](platform::Platform& p) {
    auto mutex = p.new_mutex("m");
    auto condvar = p.new_condvar("never.notified");
    p.sleep_for(3 * kSecond);
    platform::LockGuard lock(*mutex);
    notified = condvar->wait_for(*mutex, 250 * kMillisecond);
    woke_at = p.now();
  });
  ASSERT_TRUE(result.passed()) << summarize(result);
  EXPECT_FALSE(notified);
  EXPECT_EQ(woke_at, 3 * kSecond + 250 * kMillisecond);
}

TEST(VirtualTimeTest, NotifiedTimedWaitReturnsTrueBeforeItsDeadline) {
  Simulator sim;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    bool notified = false;
    Nanos woke_at = -1;
    const RunResult result = sim.run(
        [&](platform::Platform& p) {
          auto mutex = p.new_mutex("m");
          auto condvar = p.new_condvar("ready");
          bool ready = false;
          auto notifier = p.start_thread("notifier", [&] {
            p.sleep_for(kSecond);
            platform::LockGuard lock(*mutex);
            ready = true;
            condvar->notify_one();
          });
          {
            platform::LockGuard lock(*mutex);
            while (!ready) notified = condvar->wait_for(*mutex, 60 * kSecond);
            woke_at = p.now();
          }
          notifier.thread->join();
        },
        RunOptions().with_seed(seed));
    ASSERT_TRUE(result.passed()) << summarize(result);
    EXPECT_TRUE(notified);
    EXPECT_EQ(woke_at, kSecond);
    // The stale 60 s timeout does not drag the clock along when the run ends.
    EXPECT_EQ(result.virtual_time, kSecond);
  }
}

TEST(VirtualTimeTest, TimeStandsStillWhileAnyFiberCanRun) {
  Simulator sim;
  Nanos seen_by_busy = -1;
  const RunResult result = sim.run([&](platform::Platform& p) {
    auto sleeper = p.start_thread("sleeper", [&] { p.sleep_for(kMillisecond); });
    auto busy = p.start_thread("busy", [&] {
      for (int i = 0; i < 1000; ++i) p.yield_point("busy.step");
      seen_by_busy = p.now();
    });
    sleeper.thread->join();
    busy.thread->join();
  });
  ASSERT_TRUE(result.passed()) << summarize(result);
  EXPECT_EQ(seen_by_busy, 0);
  EXPECT_EQ(result.virtual_time, kMillisecond);
}

}  // namespace
}  // namespace aion::sim
