// dpor reaches every class that the walk of every schedule reaches, in one complete run per
// class and no more runs than por; dpor:K keeps to its bound.
#include "sim/engine/dpor_explorer.h"

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
  std::set<std::uint64_t> failing_classes;
};

Walk walk_with(Strategy& strategy, const testing::Program& program, std::size_t limit = 200'000,
               const FaultPlan& faults = {}) {
  Simulator sim;
  Walk walk;
  while (strategy.wants_run(walk.runs) && walk.runs < limit) {
    const RunResult run =
        sim.run(program, RunOptions().with_seed(1).with_strategy(&strategy).with_faults(faults));
    ++walk.runs;
    walk.classes.insert(run.class_hash);
    if (!run.passed()) walk.failing_classes.insert(run.class_hash);
  }
  EXPECT_TRUE(strategy.covered()) << strategy.describe() << " " << strategy.warning() << " after "
                                  << walk.runs;
  return walk;
}

void write(platform::Platform& p, const std::string& object) {
  p.access(object, platform::Access::kWrite);
}
void read(platform::Platform& p, const std::string& object) {
  p.access(object, platform::Access::kRead);
}

// A producer hands `items` items to a consumer through a one-slot buffer.
testing::Program handoff(int items, bool timed) {
  return [items, timed](platform::Platform& p) {
    auto mutex = p.new_mutex("slot.mutex");
    auto changed = p.new_condvar("slot.changed");
    int slot = 0, taken = 0;
    auto producer = p.start_thread("producer", [&] {
      for (int i = 0; i < items; ++i) {
        platform::LockGuard lock(*mutex);
        while (slot != 0) {
          if (timed) {
            changed->wait_for(*mutex, 1000);
          } else {
            changed->wait(*mutex);
          }
        }
        slot = 1;
        changed->notify_all();
      }
    });
    auto consumer = p.start_thread("consumer", [&] {
      for (int i = 0; i < items; ++i) {
        platform::LockGuard lock(*mutex);
        while (slot == 0) changed->wait(*mutex);
        slot = 0;
        ++taken;
        changed->notify_all();
      }
    });
    producer.thread->join();
    consumer.thread->join();
  };
}

// tests/programs.h's lost wake-up, with its flag declared: code shared outside a lock shows
// its accesses, or no partial-order search can see them.
testing::Program lost_wakeup() {
  return [](platform::Platform& p) {
    auto mutex = p.new_mutex("flag.mutex");
    auto flag_set = p.new_condvar("flag.set");
    bool flag = false;
    auto waiter = p.start_thread("waiter", [&] {
      read(p, "flag");
      if (!flag) {
        platform::LockGuard lock(*mutex);
        flag_set->wait(*mutex);
      }
    });
    auto setter = p.start_thread("setter", [&] {
      platform::LockGuard lock(*mutex);
      write(p, "flag");
      flag = true;
      flag_set->notify_one();
    });
    waiter.thread->join();
    setter.thread->join();
  };
}

struct Case {
  const char* name;
  testing::Program program;
};

std::vector<Case> programs() {
  return {
      {"independent", threads_running(2,
                                      [](platform::Platform& p, int i) {
                                        auto own = p.new_mutex("own" + std::to_string(i));
                                        platform::LockGuard lock(*own);
                                        write(p, "o" + std::to_string(i));
                                        p.yield_point("step");
                                      })},
      {"writers", threads_running(2,
                                  [](platform::Platform& p, int) {
                                    for (int j = 0; j < 3; ++j) write(p, "x");
                                  })},
      {"readers and a writer", threads_running(3,
                                               [](platform::Platform& p, int i) {
                                                 if (i == 0) {
                                                   write(p, "x");
                                                 } else {
                                                   read(p, "x");
                                                 }
                                               })},
      {"two objects", threads_running(3,
                                      [](platform::Platform& p, int i) {
                                        read(p, i == 0 ? "x" : "y");
                                        write(p, i == 2 ? "x" : "y");
                                      })},
      {"lost wake-up", lost_wakeup()},
      {"handshake", testing::lost_wakeup(true)},
      {"locked counter", testing::locked_counter(2)},
      {"contended mutex", testing::contended_mutex(3, 1)},
      {"handoff", handoff(2, false)},
      {"timed handoff", handoff(1, true)},
      {"sleepers", threads_running(2,
                                   [](platform::Platform& p, int i) {
                                     p.sleep_for(1000 * (i + 1));
                                     write(p, "x");
                                     (void)p.now();
                                   })},
      {"children", threads_running(2,
                                   [](platform::Platform& p, int i) {
                                     auto child = p.start_thread(
                                         "child", [&p, i] { write(p, i == 0 ? "x" : "y"); });
                                     write(p, "x");
                                     child.thread->join();
                                   })},
      {"lock and data",
       [](platform::Platform& p) {
         auto m = p.new_mutex("m");
         auto body = [&](bool writes) {
           if (writes) write(p, "flag");
           platform::LockGuard lock(*m);
           read(p, "flag");
         };
         auto a = p.start_thread("a", [&] { body(true); });
         auto b = p.start_thread("b", [&] { body(false); });
         a.thread->join();
         b.thread->join();
       }},
  };
}

TEST(Dpor, CoversEveryClassOnceInNoMoreRunsThanPor) {
  for (const Case& c : programs()) {
    ExhaustiveExplorer every(64);
    const Walk all = walk_with(every, c.program);
    SleepSetExplorer por;
    const Walk por_walk = walk_with(por, c.program);
    DporExplorer dpor;
    const Walk walk = walk_with(dpor, c.program);
    EXPECT_EQ(walk.classes, all.classes) << c.name;
    EXPECT_EQ(walk.failing_classes, all.failing_classes) << c.name;
    EXPECT_EQ(walk.runs - dpor.blocked_runs(), all.classes.size()) << c.name;
    EXPECT_LE(walk.runs, por_walk.runs) << c.name;
  }
}

// Faults decided by each fiber's own opportunities (fault_plan.h) are the same in runs that
// differ only in the order of independent events, so a walk over orders stays exact with them.
TEST(Dpor, CoversEveryClassWithFaultsInjected) {
  FaultPlan faults;
  faults.set(FaultSite::kExtraYield, 0.3)
      .set(FaultSite::kSpuriousWakeup, 0.3)
      .set(FaultSite::kWakeupDelayed, 0.3);
  for (const Case& c : programs()) {
    ExhaustiveExplorer every(64);
    const Walk all = walk_with(every, c.program, 200'000, faults);
    DporExplorer dpor;
    const Walk walk = walk_with(dpor, c.program, 200'000, faults);
    EXPECT_EQ(walk.classes, all.classes) << c.name;
    EXPECT_EQ(walk.failing_classes, all.failing_classes) << c.name;
    // Forced yields cost runs that repeat a class (dpor_explorer.h), never a class.
    EXPECT_GE(walk.runs - dpor.blocked_runs(), all.classes.size()) << c.name;
  }
}

TEST(Dpor, IndependentThreadsAreOneRunHoweverMany) {
  for (int threads : {2, 4, 8}) {
    DporExplorer dpor;
    const Walk walk = walk_with(dpor, threads_running(threads, [](platform::Platform& p, int i) {
                                  for (int j = 0; j < 3; ++j) write(p, "own" + std::to_string(i));
                                }));
    EXPECT_EQ(walk.runs, 1u) << threads;
    EXPECT_EQ(walk.classes.size(), 1u);
  }
}

TEST(Dpor, TwoThreadsTouchingOneObjectKTimesHaveChoose2KKClasses) {
  for (int k = 1; k <= 5; ++k) {
    DporExplorer dpor;
    const Walk walk = walk_with(dpor, threads_running(2, [k](platform::Platform& p, int) {
                                  for (int j = 0; j < k; ++j) write(p, "x");
                                }));
    EXPECT_EQ(walk.classes.size(), binomial(2 * k, k)) << k;
    EXPECT_EQ(walk.runs - dpor.blocked_runs(), binomial(2 * k, k)) << k;
  }
}

// With a bound of 0 the walk keeps to the schedules without preemptions: a subset of the
// classes, reached in no more runs; a large bound is no bound.
TEST(Dpor, ABoundKeepsToTheClassesWithinIt) {
  const testing::Program program = threads_running(2, [](platform::Platform& p, int) {
    for (int j = 0; j < 3; ++j) write(p, "x");
  });
  DporExplorer unbounded;
  const Walk all = walk_with(unbounded, program);
  ExhaustiveExplorer no_preemption(0);
  const Walk within_zero = walk_with(no_preemption, program);
  DporExplorer zero(0);
  const Walk bounded = walk_with(zero, program);
  EXPECT_EQ(zero.describe(), "dpor:0");
  EXPECT_EQ(bounded.classes, within_zero.classes);
  EXPECT_LT(bounded.classes.size(), all.classes.size());
  DporExplorer large(64);
  EXPECT_EQ(walk_with(large, program).classes, all.classes);
}

}  // namespace
}  // namespace aion::sim
