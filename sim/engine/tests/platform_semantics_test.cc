// The simulator keeps the platform's contract: mutual exclusion, condvar wake-ups, join,
// thread starts, and sane behaviour of objects outside a run.
#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include "sim/engine/check.h"
#include "sim/engine/simulator.h"
#include "sim/engine/tests/programs.h"

namespace aion::sim {
namespace {

TEST(PlatformSemanticsTest, NotifyOneWakesOneWaiterAndNotifyAllWakesTheRest) {
  Simulator sim;
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    int woken = 0;
    int woken_after_one = -1;
    const RunResult result = sim.run(
        [&](platform::Platform& p) {
          auto mutex = p.new_mutex("m");
          auto condvar = p.new_condvar("c");
          int waiting = 0;
          int tickets = 0;
          std::vector<std::unique_ptr<platform::Thread>> waiters;
          for (int i = 0; i < 3; ++i) {
            waiters.push_back(p.start_thread("waiter-" + std::to_string(i), [&] {
                                 platform::LockGuard lock(*mutex);
                                 ++waiting;
                                 while (tickets == 0) condvar->wait(*mutex);
                                 --tickets;
                                 ++woken;
                               }).thread);
          }
          for (;;) {  // until all three wait
            platform::LockGuard lock(*mutex);
            if (waiting == 3) break;
            p.yield_point("main.poll");
          }
          {
            platform::LockGuard lock(*mutex);
            tickets = 1;
            condvar->notify_one();
          }
          p.sleep_for(platform::kSecond);  // everyone who can run does
          {
            platform::LockGuard lock(*mutex);
            woken_after_one = woken;
            tickets = 2;
            condvar->notify_all();
          }
          for (auto& waiter : waiters) waiter->join();
        },
        RunOptions().with_seed(seed));
    ASSERT_TRUE(result.passed()) << summarize(result);
    EXPECT_EQ(woken_after_one, 1);
    EXPECT_EQ(woken, 3);
  }
}

TEST(PlatformSemanticsTest, JoinReturnsOnlyAfterTheThreadFinished) {
  Simulator sim;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const RunResult result = sim.run(
        [](platform::Platform& p) {
          bool done = false;
          auto worker = p.start_thread("worker", [&] {
            for (int i = 0; i < 5; ++i) p.yield_point("work");
            done = true;
          });
          worker.thread->join();
          check(done, "join returned before the worker finished");
        },
        RunOptions().with_seed(seed));
    ASSERT_TRUE(result.passed()) << summarize(result);
  }
}

TEST(PlatformSemanticsTest, LocksTakenWhileOthersWaitAreExclusive) {
  Simulator sim;
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    const RunResult result = sim.run(testing::locked_counter(4), RunOptions().with_seed(seed));
    ASSERT_TRUE(result.passed()) << summarize(result);
  }
}

TEST(PlatformSemanticsTest, ObjectsMadeOutsideARunWorkInsideAndAcrossRuns) {
  Simulator sim;
  auto mutex = sim.new_mutex("shared");
  mutex->lock();  // outside a run: no effect, no other thread exists
  mutex->unlock();
  int total = 0;
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    const RunResult result = sim.run(
        [&](platform::Platform& p) {
          auto helper = p.start_thread("helper", [&] {
            platform::LockGuard lock(*mutex);
            ++total;
          });
          {
            platform::LockGuard lock(*mutex);
            ++total;
          }
          helper.thread->join();
        },
        RunOptions().with_seed(seed));
    ASSERT_TRUE(result.passed()) << summarize(result);
  }
  EXPECT_EQ(total, 6);
}

TEST(PlatformSemanticsTest, OutsideARunThreadsCannotStartAndWaitsThrow) {
  Simulator sim;
  const platform::ThreadStart started = sim.start_thread("outside", [] {});
  EXPECT_FALSE(started.ok());
  EXPECT_NE(started.error.find("no simulation is running"), std::string::npos);
  auto mutex = sim.new_mutex("m");
  auto condvar = sim.new_condvar("c");
  EXPECT_THROW(condvar->wait(*mutex), std::logic_error);
  EXPECT_EQ(sim.now(), 0);
}

// The C++ runtime keeps the exceptions being handled, and the count of those in flight, per OS
// thread; fibers switching inside catch blocks and during unwinding must not see each other's.
TEST(PlatformSemanticsTest, EachFiberKeepsItsOwnExceptionState) {
  Simulator sim;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const RunResult result = sim.run(
        [](platform::Platform& p) {
          std::string rethrown;
          int in_flight_in_b = -1;
          auto a = p.start_thread("a", [&] {
            try {
              throw std::runtime_error("from a");
            } catch (const std::exception&) {
              for (int i = 0; i < 5; ++i) p.yield_point("a.in_catch");
              check(std::uncaught_exceptions() == 0, "a sees another fiber's unwinding");
              try {
                throw;
              } catch (const std::exception& again) {
                rethrown = again.what();
              }
            }
          });
          auto b = p.start_thread("b", [&] {
            struct YieldsWhileUnwinding {
              platform::Platform& p;
              int& in_flight;
              ~YieldsWhileUnwinding() {
                for (int i = 0; i < 5; ++i) p.yield_point("b.unwinding");
                in_flight = std::uncaught_exceptions();
              }
            };
            try {
              YieldsWhileUnwinding guard{p, in_flight_in_b};
              throw std::runtime_error("from b");
            } catch (const std::exception&) {
            }
          });
          a.thread->join();
          b.thread->join();
          check(rethrown == "from a", "a rethrew `" + rethrown + "`");
          check(in_flight_in_b == 1, "b lost its exception in flight");
        },
        RunOptions().with_seed(seed));
    ASSERT_TRUE(result.passed()) << summarize(result);
  }
}

TEST(PlatformSemanticsTest, AGoogleTestAssertionInsideAFiberWorks) {
  Simulator sim;
  const RunResult result = sim.run([](platform::Platform& p) {
    auto worker = p.start_thread("asserting", [&p] {
      p.yield_point("before.assert");
      EXPECT_EQ(p.now(), 0);
      SUCCEED();
    });
    worker.thread->join();
  });
  EXPECT_TRUE(result.passed()) << summarize(result);
}

}  // namespace
}  // namespace aion::sim
