// Runs that end with fibers still blocked or running must release everything those fibers
// own: their stacks unwind (destructors run) so that nothing leaks under LeakSanitizer.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <vector>

#include "sim/engine/check.h"
#include "sim/engine/simulator.h"

namespace aion::sim {
namespace {

// Counts live instances; every instance made inside a run must be gone after it.
struct Tracked {
  explicit Tracked(int& live) : live_(live) { ++live_; }
  ~Tracked() { --live_; }
  Tracked(const Tracked&) = delete;
  Tracked& operator=(const Tracked&) = delete;
  int& live_;
};

TEST(TeardownTest, DeadlockedFibersUnwindAndFreeWhatTheyOwn) {
  Simulator sim;
  int live = 0;
  const RunResult result = sim.run([&](platform::Platform& p) {
    auto mutex = p.new_mutex("m");
    auto never = p.new_condvar("never");
    std::vector<std::unique_ptr<platform::Thread>> threads;
    for (int i = 0; i < 4; ++i) {
      threads.push_back(p.start_thread("stuck-" + std::to_string(i), [&] {
                           auto on_heap = std::make_unique<Tracked>(live);
                           Tracked on_stack(live);
                           platform::LockGuard lock(*mutex);
                           never->wait(*mutex);
                         }).thread);
    }
    Tracked in_main(live);
    for (auto& thread : threads) thread->join();
  });
  ASSERT_EQ(result.outcome, Outcome::kDeadlock) << summarize(result);
  EXPECT_EQ(live, 0);
  EXPECT_TRUE(result.abandoned.empty());
}

TEST(TeardownTest, PreemptedFibersUnwindWhenAnotherFiberFails) {
  Simulator sim;
  int live = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const RunResult result = sim.run(
        [&](platform::Platform& p) {
          auto worker = p.start_thread("worker", [&] {
            auto owned = std::make_shared<Tracked>(live);
            for (;;) p.yield_point("worker.loop");
          });
          auto failing = p.start_thread("failing", [&] {
            Tracked held(live);
            p.yield_point("failing.step");
            check(false, "invariant broken");
          });
          worker.thread->join();
          failing.thread->join();
        },
        RunOptions().with_seed(seed));
    ASSERT_EQ(result.outcome, Outcome::kCheckFailed) << summarize(result);
    EXPECT_EQ(live, 0) << "seed " << seed;
  }
}

TEST(TeardownTest, FibersThatNeverRanDropTheirBodies) {
  Simulator sim;
  auto captured = std::make_shared<int>(0);
  std::weak_ptr<int> watch = captured;
  const RunResult result = sim.run([&](platform::Platform& p) {
    auto late = p.start_thread("never-ran", [keep = std::move(captured)] { (void)keep; });
    check(false, "main fails before the new thread runs");
  });
  ASSERT_EQ(result.outcome, Outcome::kCheckFailed);
  EXPECT_TRUE(watch.expired());
}

TEST(TeardownTest, BlockingCallsDuringUnwindReturnAtOnce) {
  Simulator sim;
  int destructor_ran = 0;
  struct JoinsOnDestruction {
    platform::Platform& p;
    platform::Mutex& mutex;
    platform::CondVar& condvar;
    int& ran;
    ~JoinsOnDestruction() {
      // Unwinding: these would block forever in a live run.
      platform::LockGuard lock(mutex);
      condvar.wait(mutex);
      p.sleep_for(platform::kSecond);
      ++ran;
    }
  };
  const RunResult result = sim.run([&](platform::Platform& p) {
    auto mutex = p.new_mutex("m");
    auto condvar = p.new_condvar("c");
    JoinsOnDestruction guard{p, *mutex, *condvar, destructor_ran};
    platform::LockGuard lock(*mutex);
    condvar->wait(*mutex);  // deadlock: nobody notifies
  });
  ASSERT_EQ(result.outcome, Outcome::kDeadlock);
  EXPECT_EQ(destructor_ran, 1);
}

// Owns a thread that blocks for ever, and joins it when destroyed, as a runtime does.
struct JoinsInItsDestructor {
  JoinsInItsDestructor(platform::Platform& p, bool& joined_flag)
      : mutex(p.new_mutex("m")), never(p.new_condvar("never")), joined(joined_flag) {
    thread = p.start_thread("stuck", [this] {
                platform::LockGuard lock(*mutex);
                never->wait(*mutex);
              }).thread;
  }
  ~JoinsInItsDestructor() {
    thread->join();
    joined = true;
  }
  std::unique_ptr<platform::Mutex> mutex;
  std::unique_ptr<platform::CondVar> never;
  bool& joined;
  std::unique_ptr<platform::Thread> thread;
};

// A destructor that joins the threads its owner started (as a runtime's does) is safe in
// teardown: those threads are torn down first, so the join does not block.
TEST(TeardownTest, ADestructorMayJoinTheThreadsItsFiberStarted) {
  Simulator sim;
  bool joined = false;
  const RunResult result = sim.run([&](platform::Platform& p) {
    JoinsInItsDestructor owner(p, joined);
    platform::LockGuard lock(*owner.mutex);
    owner.never->wait(*owner.mutex);
  });
  EXPECT_EQ(result.outcome, Outcome::kDeadlock) << summarize(result);
  EXPECT_TRUE(joined);
  // And when the run ends while the destructor itself is blocked in the join.
  joined = false;
  const RunResult in_join = sim.run([&](platform::Platform& p) {
    auto owner = std::make_unique<JoinsInItsDestructor>(p, joined);
    owner.reset();
  });
  EXPECT_EQ(in_join.outcome, Outcome::kDeadlock) << summarize(in_join);
  EXPECT_TRUE(joined);
  EXPECT_TRUE(result.abandoned.empty());
}

// Code that turns its cancellation into an exception of its own: the exception's message must
// not outlive the run (LeakSanitizer, under --config=asan, sees it if it does).
TEST(TeardownTest, AnExceptionThrownDuringTeardownLeaksNothing) {
  Simulator sim;
  int live = 0;
  const RunResult result = sim.run([&](platform::Platform& p) {
    auto mutex = p.new_mutex("m");
    auto never = p.new_condvar("never");
    auto rethrower = p.start_thread("rethrower", [&] {
      Tracked owned(live);
      try {
        platform::LockGuard lock(*mutex);
        never->wait(*mutex);
      } catch (...) {
        throw std::runtime_error(
            "a message long enough to live on the heap, not in the string itself");
      }
    });
    rethrower.thread->join();
  });
  EXPECT_EQ(result.outcome, Outcome::kDeadlock) << summarize(result);
  EXPECT_EQ(live, 0);
  EXPECT_TRUE(result.abandoned.empty());
}

TEST(TeardownTest, AFiberThatSwallowsCancellationIsAbandonedAndNamed) {
  Simulator sim;
  const RunResult result = sim.run(
      [](platform::Platform& p) {
        auto stubborn = p.start_thread("stubborn", [&] {
          for (;;) {
            try {
              p.yield_point("stubborn.retry");
            } catch (...) {
              // Swallows everything, including the simulator's cancellation.
            }
          }
        });
        stubborn.thread->join();
      },
      RunOptions().with_max_steps(1000));
  ASSERT_EQ(result.outcome, Outcome::kStepBudgetExceeded);
  ASSERT_EQ(result.abandoned, std::vector<std::string>{"stubborn"});
  EXPECT_NE(result.message.find("abandoned during teardown: `stubborn`"), std::string::npos)
      << result.message;

  // The simulator is still usable, and the abandoned stack went back to the pool.
  const std::size_t mapped = sim.stacks_mapped();
  const RunResult next = sim.run([](platform::Platform& p) {
    auto t = p.start_thread("fresh", [&p] { p.yield_point("fresh.step"); });
    t.thread->join();
  });
  EXPECT_TRUE(next.passed()) << summarize(next);
  EXPECT_EQ(sim.stacks_mapped(), mapped);
}

TEST(TeardownTest, StacksArePooledAcrossRuns) {
  Simulator sim;
  const auto program = [](platform::Platform& p) {
    std::vector<std::unique_ptr<platform::Thread>> threads;
    for (int i = 0; i < 5; ++i) {
      threads.push_back(
          p.start_thread("t" + std::to_string(i), [&p] { p.yield_point("x"); }).thread);
    }
    for (auto& thread : threads) thread->join();
  };
  // The pool grows to the most fibers alive at once (five threads and main), then stays.
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    ASSERT_TRUE(sim.run(program, RunOptions().with_seed(seed)).passed());
  }
  const std::size_t mapped = sim.stacks_mapped();
  EXPECT_LE(mapped, 6u);
  for (std::uint64_t seed = 101; seed <= 200; ++seed) {
    ASSERT_TRUE(sim.run(program, RunOptions().with_seed(seed)).passed());
  }
  EXPECT_EQ(sim.stacks_mapped(), mapped);
}

// Whether a fiber stopped at a lock when the run ended ran any of its code after the lock.
bool runs_on_past_the_end(bool abandon_at_end) {
  Simulator sim;
  bool trying = false, ran_on = false;
  RunOptions options;
  options.abandon_at_end = abandon_at_end;
  // Outside the run, so that they outlive the unwinding of `main`.
  std::unique_ptr<platform::Mutex> mutex;
  platform::ThreadStart waiter;
  sim.run(
      [&](platform::Platform& p) {
        mutex = p.new_mutex("m");
        mutex->lock();
        waiter = p.start_thread("waiter", [&] {
          trying = true;
          mutex->lock();
          ran_on = true;
          mutex->unlock();
        });
        while (!trying) p.yield_point("main.wait");
        check(false, "the run ends here");
      },
      options);
  return ran_on;
}

// Unwinding resumes a fiber stopped at a lock, which takes it and runs on; a run that
// abandons its fibers at the end runs none of their code past it. (Abandoned stacks leak what
// they own, so that run is made in a child process, as the option is meant for.)
TEST(TeardownTest, AbandonedFibersRunNothingPastTheEndOfTheRun) {
  EXPECT_TRUE(runs_on_past_the_end(false));
  EXPECT_EXIT(std::_Exit(runs_on_past_the_end(true) ? 1 : 0), ::testing::ExitedWithCode(0), "");
}

// A mutex owned by the newest fiber's frame goes when that frame unwinds, first; an older
// fiber waiting for it then unwinds without touching it, and never holds it, so its guard
// unlocks nothing (under ASan, any touch of the dead mutex is a report).
TEST(TeardownTest, AFiberWaitingForAMutexThatUnwoundFirstLeavesItAlone) {
  Simulator sim;
  int live = 0;
  bool older_got_it = false;
  const RunResult result = sim.run([&](platform::Platform& p) {
    auto stuck = p.new_mutex("stuck");
    auto never = p.new_condvar("never");
    std::unique_ptr<platform::Mutex>* theirs = nullptr;
    auto older = p.start_thread("older", [&] {
      Tracked owned(live);
      while (theirs == nullptr) p.yield_point("older.wait");
      platform::LockGuard lock(**theirs);
      older_got_it = true;
    });
    auto newer = p.start_thread("newer", [&] {
      std::unique_ptr<platform::Mutex> mine = p.new_mutex("newer's");
      platform::LockGuard hold(*mine);
      theirs = &mine;
      platform::LockGuard other(*stuck);
      never->wait(*stuck);
    });
    older.thread->join();
    newer.thread->join();
  });
  ASSERT_EQ(result.outcome, Outcome::kDeadlock) << summarize(result);
  EXPECT_FALSE(older_got_it);
  EXPECT_EQ(live, 0);
  EXPECT_TRUE(result.abandoned.empty()) << summarize(result);
}

// A mutex destroyed while held is misuse, and its holder no longer lists it: what the
// platform says the fiber holds names only live mutexes.
TEST(TeardownTest, AMutexDestroyedWhileHeldIsMisuseAndLeavesNoTrace) {
  Simulator sim;
  std::uint32_t held_after = 99;
  const RunResult result = sim.run([&](platform::Platform& p) {
    auto kept = p.new_mutex("kept");
    platform::LockGuard lock(*kept);
    {
      auto doomed = p.new_mutex("doomed");
      doomed->lock();
    }
    const platform::ThreadView view = p.current_thread();
    held_after = view.mutexes_held;
    EXPECT_EQ(view.last_mutex, "kept");
  });
  ASSERT_EQ(result.outcome, Outcome::kCheckFailed) << summarize(result);
  EXPECT_NE(result.message.find("destroyed mutex `doomed` while fiber `main` holds it"),
            std::string::npos)
      << result.message;
  EXPECT_EQ(held_after, 1u);
}

}  // namespace
}  // namespace aion::sim
