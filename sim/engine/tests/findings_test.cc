// Every way a run can end besides passing: each is a finding with a message, a trace hash and
// a schedule, never a crash of the test.
#include <gtest/gtest.h>

#include <stdexcept>

#include "sim/engine/check.h"
#include "sim/engine/replay_strategy.h"
#include "sim/engine/simulator.h"

namespace aion::sim {
namespace {

using platform::kSecond;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(FindingsTest, DeadlockNamesTheBlockedFiberAndWhatItWaitsOn) {
  Simulator sim;
  const RunResult result = sim.run([](platform::Platform& p) {
    auto mutex = p.new_mutex("monitor.mutex");
    auto exited = p.new_condvar("monitor.exit");
    auto monitor = p.start_thread("aion-workflow-monitor-3", [&] {
      platform::LockGuard lock(*mutex);
      exited->wait(*mutex);
    });
    monitor.thread->join();
  });
  ASSERT_EQ(result.outcome, Outcome::kDeadlock) << summarize(result);
  EXPECT_TRUE(contains(result.message,
                       "fiber `aion-workflow-monitor-3` blocked in wait on condvar `monitor.exit`"))
      << result.message;
  EXPECT_TRUE(contains(result.message,
                       "fiber `main` blocked in join on thread "
                       "`aion-workflow-monitor-3`"))
      << result.message;
  EXPECT_NE(result.trace_hash, 0u);
}

TEST(FindingsTest, LockOrderInversionIsADeadlockNamingTheHolders) {
  Simulator sim;
  bool found = false;
  for (std::uint64_t seed = 1; seed <= 100 && !found; ++seed) {
    const RunResult result = sim.run(
        [](platform::Platform& p) {
          auto a = p.new_mutex("A");
          auto b = p.new_mutex("B");
          auto left = p.start_thread("left", [&] {
            platform::LockGuard first(*a);
            platform::LockGuard second(*b);
          });
          auto right = p.start_thread("right", [&] {
            platform::LockGuard first(*b);
            platform::LockGuard second(*a);
          });
          left.thread->join();
          right.thread->join();
        },
        RunOptions().with_seed(seed));
    if (result.outcome != Outcome::kDeadlock) {
      ASSERT_TRUE(result.passed()) << summarize(result);
      continue;
    }
    found = true;
    EXPECT_TRUE(contains(result.message,
                         "fiber `left` blocked in lock on mutex `B` held by "
                         "fiber `right`"))
        << result.message;
    EXPECT_TRUE(contains(result.message,
                         "fiber `right` blocked in lock on mutex `A` held by "
                         "fiber `left`"))
        << result.message;
  }
  EXPECT_TRUE(found);
}

TEST(FindingsTest, MainReturningWhileAThreadBlocksForeverIsADeadlock) {
  Simulator sim;
  std::unique_ptr<platform::Thread> leaked;
  std::unique_ptr<platform::CondVar> never;
  std::unique_ptr<platform::Mutex> mutex;
  const RunResult result = sim.run([&](platform::Platform& p) {
    mutex = p.new_mutex("m");
    never = p.new_condvar("never");
    leaked = p.start_thread("orphan", [&] {
                platform::LockGuard lock(*mutex);
                never->wait(*mutex);
              }).thread;
  });
  ASSERT_EQ(result.outcome, Outcome::kDeadlock) << summarize(result);
  EXPECT_TRUE(contains(result.message, "fiber `orphan` blocked in wait on condvar `never`"))
      << result.message;
  EXPECT_FALSE(contains(result.message, "`main`")) << result.message;
}

TEST(FindingsTest, UnjoinedThreadsRunToTheEndAfterMainReturns) {
  Simulator sim;
  std::unique_ptr<platform::Thread> kept;
  bool finished = false;
  const RunResult result = sim.run([&](platform::Platform& p) {
    kept = p.start_thread("late", [&] {
              p.sleep_for(5 * kSecond);
              finished = true;
            }).thread;
  });
  EXPECT_TRUE(result.passed()) << summarize(result);
  EXPECT_TRUE(finished);
  EXPECT_EQ(result.virtual_time, 5 * kSecond);
}

TEST(FindingsTest, LivelockExceedsTheStepBudget) {
  Simulator sim;
  const RunResult result = sim.run(
      [](platform::Platform& p) {
        auto spinner = p.start_thread("spinner", [&] {
          for (;;) p.yield_point("spin");
        });
        spinner.thread->join();
      },
      RunOptions().with_max_steps(5000));
  ASSERT_EQ(result.outcome, Outcome::kStepBudgetExceeded) << summarize(result);
  EXPECT_EQ(result.steps, 5001u);
  EXPECT_TRUE(contains(result.message, "more than 5000 scheduling points")) << result.message;
  EXPECT_TRUE(contains(result.message, "`spin`")) << result.message;
}

TEST(FindingsTest, WaitingPastTheVirtualTimeBudget) {
  Simulator sim;
  const RunResult result = sim.run(
      [](platform::Platform& p) {
        for (;;) p.sleep_for(kSecond);
      },
      RunOptions().with_max_virtual_time(60 * kSecond));
  ASSERT_EQ(result.outcome, Outcome::kTimeBudgetExceeded) << summarize(result);
  EXPECT_EQ(result.virtual_time, 60 * kSecond);
  EXPECT_TRUE(contains(result.message, "fiber `main` waits until 61000000000ns")) << result.message;
}

TEST(FindingsTest, ExceptionInAFiberIsAFinding) {
  Simulator sim;
  const RunResult result = sim.run([](platform::Platform& p) {
    auto thrower = p.start_thread("thrower", [&] {
      p.yield_point("before.throw");
      throw std::runtime_error("disk on fire");
    });
    thrower.thread->join();
  });
  ASSERT_EQ(result.outcome, Outcome::kException) << summarize(result);
  EXPECT_EQ(result.message, "fiber `thrower` threw: disk on fire");
}

TEST(FindingsTest, FailedCheckIsAFinding) {
  Simulator sim;
  const RunResult result = sim.run([](platform::Platform& p) {
    auto checker = p.start_thread("checker", [] { check(1 + 1 == 3, "arithmetic is broken"); });
    checker.thread->join();
  });
  ASSERT_EQ(result.outcome, Outcome::kCheckFailed) << summarize(result);
  EXPECT_EQ(result.message, "check failed in fiber `checker`: arithmetic is broken");
}

struct MisuseCase {
  const char* name;
  std::function<void(platform::Platform&)> program;
  const char* expected;
};

TEST(FindingsTest, MisuseOfThePlatformIsAFailedCheck) {
  const MisuseCase cases[] = {
      {"unlock not held",
       [](platform::Platform& p) {
         auto mutex = p.new_mutex("m");
         mutex->unlock();
       },
       "fiber `main`: unlocked mutex `m` which is not locked"},
      {"unlock held by another",
       [](platform::Platform& p) {
         auto mutex = p.new_mutex("m");
         auto holder = p.start_thread("holder", [&] { mutex->lock(); });
         holder.thread->join();
         mutex->unlock();
       },
       "unlocked mutex `m` which is held by fiber `holder`"},
      {"recursive lock",
       [](platform::Platform& p) {
         auto mutex = p.new_mutex("m");
         platform::LockGuard outer(*mutex);
         platform::LockGuard inner(*mutex);
       },
       "locked mutex `m` which it already holds"},
      {"join twice",
       [](platform::Platform& p) {
         auto worker = p.start_thread("worker", [] {});
         worker.thread->join();
         worker.thread->join();
       },
       "joined thread `worker` twice"},
      {"unjoined handle", [](platform::Platform& p) { p.start_thread("forgotten", [] {}); },
       "destroyed the handle of thread `forgotten` without joining it"},
      {"wait without the mutex",
       [](platform::Platform& p) {
         auto mutex = p.new_mutex("m");
         auto condvar = p.new_condvar("c");
         condvar->wait(*mutex);
       },
       "waited on condvar `c` without holding mutex `m`"},
  };
  Simulator sim;
  for (const MisuseCase& misuse : cases) {
    const RunResult result = sim.run(misuse.program);
    EXPECT_EQ(result.outcome, Outcome::kCheckFailed) << misuse.name << ": " << summarize(result);
    EXPECT_TRUE(contains(result.message, misuse.expected)) << misuse.name << ": " << result.message;
  }
}

TEST(FindingsTest, EveryFindingCanBeReplayedFromItsSchedule) {
  Simulator sim;
  const auto program = [](platform::Platform& p) {
    auto mutex = p.new_mutex("m");
    int value = 0;
    auto a = p.start_thread("a", [&] {
      platform::LockGuard lock(*mutex);
      value = 1;
    });
    auto b = p.start_thread("b", [&] {
      p.yield_point("b.before_check");
      platform::LockGuard lock(*mutex);
      check(value == 1, "b ran before a");
    });
    a.thread->join();
    b.thread->join();
  };
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    const RunResult original = sim.run(program, RunOptions().with_seed(seed));
    ReplayStrategy replay(original.schedule, ReplayMode::kStrict);
    const RunResult replayed = sim.run(program, RunOptions().with_strategy(&replay));
    EXPECT_EQ(replayed.outcome, original.outcome);
    EXPECT_EQ(replayed.message, original.message);
    EXPECT_EQ(replayed.trace_hash, original.trace_hash);
  }
}

}  // namespace
}  // namespace aion::sim
