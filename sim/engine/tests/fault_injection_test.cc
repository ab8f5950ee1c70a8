#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/engine/check.h"
#include "sim/engine/replay_strategy.h"
#include "sim/engine/simulator.h"
#include "sim/engine/strategy_registry.h"
#include "sim/engine/tests/programs.h"

namespace aion::sim {
namespace {

using platform::kMillisecond;

bool has_event(const Trace& trace, Op op, const std::string& object) {
  return std::any_of(trace.begin(), trace.end(),
                     [&](const Event& e) { return e.op == op && e.object == object; });
}

TEST(FaultInjectionTest, ThreadStartFailureIsObservedCountedTracedAndReplayable) {
  Simulator sim;
  std::string error;
  const auto program = [&](platform::Platform& p) {
    platform::ThreadStart started = p.start_thread("monitor-7", [] {});
    if (started.ok()) {
      started.thread->join();
    } else {
      error = started.error;
    }
  };
  FaultPlan faults;
  faults.set(FaultSite::kThreadStartFails, 1.0);
  const RunResult result =
      sim.run(program, RunOptions().with_seed(1).with_faults(faults).with_trace());
  ASSERT_TRUE(result.passed()) << summarize(result);
  EXPECT_EQ(error,
            "cannot start thread `monitor-7`: Resource temporarily unavailable (injected fault "
            "thread_start_fails)");
  EXPECT_EQ(result.faults.injected_at(FaultSite::kThreadStartFails), 1u);
  EXPECT_EQ(result.faults.opportunities_at(FaultSite::kThreadStartFails), 1u);
  EXPECT_TRUE(has_event(result.trace, Op::kFault, "thread_start_fails"));
  EXPECT_TRUE(has_event(result.trace, Op::kStartFailed, "monitor-7"));
  ASSERT_EQ(result.schedule.size(), 1u);
  EXPECT_EQ(result.schedule[0].kind, ChoiceKind::kFault);
  EXPECT_EQ(result.schedule[0].site, FaultSite::kThreadStartFails);

  // The schedule alone reproduces the fault: no fault plan in the replay.
  error.clear();
  ReplayStrategy replay(result.schedule, ReplayMode::kStrict);
  const RunResult replayed = sim.run(program, RunOptions().with_seed(2).with_strategy(&replay));
  EXPECT_EQ(replayed.trace_hash, result.trace_hash);
  EXPECT_FALSE(error.empty());
  EXPECT_EQ(replayed.faults.injected_at(FaultSite::kThreadStartFails), 1u);
}

TEST(FaultInjectionTest, ProbabilityZeroLeavesEveryHashUnchanged) {
  Simulator sim;
  FaultPlan zero;
  for (std::size_t site = 0; site < kFaultSiteCount; ++site) {
    zero.set(static_cast<FaultSite>(site), 0.0);
  }
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const RunResult plain = sim.run(testing::lost_wakeup(true), RunOptions().with_seed(seed));
    const RunResult with_plan =
        sim.run(testing::lost_wakeup(true), RunOptions().with_seed(seed).with_faults(zero));
    EXPECT_EQ(plain.trace_hash, with_plan.trace_hash);
    EXPECT_EQ(with_plan.faults.injected, FaultCounts{}.injected);
  }
}

TEST(FaultInjectionTest, FaultsDrawFromTheirOwnStream) {
  Simulator sim;
  // This program never notifies a waiter, so wakeup_delayed never has an opportunity; enabling
  // it must leave the scheduling choices of every seed as they were.
  FaultPlan delayed;
  delayed.set(FaultSite::kWakeupDelayed, 0.9);
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const RunResult plain = sim.run(testing::locked_counter(3), RunOptions().with_seed(seed));
    const RunResult with_plan =
        sim.run(testing::locked_counter(3), RunOptions().with_seed(seed).with_faults(delayed));
    EXPECT_EQ(plain.trace_hash, with_plan.trace_hash);
    EXPECT_EQ(plain.schedule, with_plan.schedule);
  }
}

TEST(FaultInjectionTest, DelayedWakeupMakesTheWaiterRunnableLater) {
  Simulator sim;
  FaultPlan faults;
  faults.set(FaultSite::kWakeupDelayed, 1.0);
  faults.max_wakeup_delay = 5 * kMillisecond;
  int delayed_runs = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const RunResult result = sim.run(testing::lost_wakeup(true),
                                     RunOptions().with_seed(seed).with_faults(faults).with_trace());
    ASSERT_TRUE(result.passed()) << summarize(result);
    if (result.faults.injected_at(FaultSite::kWakeupDelayed) == 0) continue;
    ++delayed_runs;
    EXPECT_GT(result.virtual_time, 0);
    EXPECT_LE(result.virtual_time, 5 * kMillisecond);
    EXPECT_TRUE(has_event(result.trace, Op::kFault, "wakeup_delayed"));
    EXPECT_TRUE(has_event(result.trace, Op::kTimer, ""));
  }
  EXPECT_GT(delayed_runs, 0);
}

std::size_t yield_switches(const Trace& trace) {
  return static_cast<std::size_t>(std::count_if(trace.begin(), trace.end(), [](const Event& e) {
    return e.op == Op::kSwitch && e.reason == SwitchReason::kYield;
  }));
}

TEST(FaultInjectionTest, ExtraYieldsForceSwitches) {
  Simulator sim;
  // Never switches by itself (an empty lenient replay), and leaves faults to the fault plan.
  ReplayStrategy stay_put = ReplayStrategy::lenient({});
  const RunResult calm =
      sim.run(testing::yielders(2, 20), RunOptions().with_strategy(&stay_put).with_trace());
  ASSERT_TRUE(calm.passed());
  EXPECT_EQ(yield_switches(calm.trace), 0u);

  FaultPlan faults;
  faults.set(FaultSite::kExtraYield, 0.5);
  const RunResult yielding =
      sim.run(testing::yielders(2, 20),
              RunOptions().with_seed(3).with_strategy(&stay_put).with_faults(faults).with_trace());
  ASSERT_TRUE(yielding.passed()) << summarize(yielding);
  const std::uint64_t injected = yielding.faults.injected_at(FaultSite::kExtraYield);
  // A fault that fires at a point where nobody else can run has nothing to yield to.
  EXPECT_GT(yield_switches(yielding.trace), 5u);
  EXPECT_LE(yield_switches(yielding.trace), injected);
}

// What a fiber's n-th opportunity at a site decides is its own: two schedules of threads
// that share nothing give each thread the same faults, in its own order, whoever ran between.
TEST(FaultInjectionTest, AFibersFaultsDoNotDependOnTheOrderOfOthers) {
  FaultPlan faults;
  faults.set(FaultSite::kExtraYield, 0.3);
  const auto program = testing::threads_running(3, [](platform::Platform& p, int i) {
    for (int j = 0; j < 12; ++j) p.access("own" + std::to_string(i), platform::Access::kWrite);
  });
  const auto faults_by_fiber = [](const Trace& trace) {
    std::map<std::string, std::vector<std::uint64_t>> by_fiber;
    std::map<std::string, std::uint64_t> points;
    for (const Event& event : trace) {
      // main's joins meet the threads finished or not, which is an order of dependent events.
      if (event.fiber_name == "main") continue;
      if (event.op == Op::kFault) {
        by_fiber[event.fiber_name].push_back(points[event.fiber_name]);
      } else if (event.op == Op::kWrite) {
        ++points[event.fiber_name];
      }
    }
    return by_fiber;
  };
  Simulator sim;
  std::set<std::uint64_t> schedules;
  std::optional<std::map<std::string, std::vector<std::uint64_t>>> first;
  for (const char* name : {"random", "pct:2", "pos"}) {
    const auto strategy = build_strategy(strategy_named(name));
    const RunResult run = sim.run(
        program,
        RunOptions().with_seed(7).with_strategy(strategy.get()).with_faults(faults).with_trace());
    ASSERT_TRUE(run.passed()) << name;
    schedules.insert(run.trace_hash);
    const auto seen = faults_by_fiber(run.trace);
    if (!first) first = seen;
    EXPECT_EQ(seen, *first) << name;
  }
  EXPECT_GT(first->size(), 1u);
  EXPECT_EQ(schedules.size(), 3u);
}

TEST(FaultInjectionTest, SpuriousWakeupsBreakWaitsWithoutAPredicateLoop) {
  Simulator sim;
  FaultPlan faults;
  faults.set(FaultSite::kSpuriousWakeup, 1.0);
  const auto program = [](bool loop) {
    return [loop](platform::Platform& p) {
      auto mutex = p.new_mutex("m");
      auto condvar = p.new_condvar("ready");
      bool ready = false;
      auto setter = p.start_thread("setter", [&] {
        p.sleep_for(kMillisecond);
        platform::LockGuard lock(*mutex);
        ready = true;
        condvar->notify_all();
      });
      {
        platform::LockGuard lock(*mutex);
        if (loop) {
          while (!ready) condvar->wait_for(*mutex, 10 * kMillisecond);
        } else {
          condvar->wait(*mutex);
          check(ready, "woke up before the setter ran");
        }
      }
      setter.thread->join();
    };
  };
  const RunResult sloppy = sim.run(program(false), RunOptions().with_seed(1).with_faults(faults));
  EXPECT_EQ(sloppy.outcome, Outcome::kCheckFailed) << summarize(sloppy);
  EXPECT_GE(sloppy.faults.injected_at(FaultSite::kSpuriousWakeup), 1u);

  // With the predicate loop, spurious wake-ups only cost retries.
  FaultPlan some;
  some.set(FaultSite::kSpuriousWakeup, 0.5);
  const RunResult careful = sim.run(program(true), RunOptions().with_seed(1).with_faults(some));
  EXPECT_TRUE(careful.passed()) << summarize(careful);
}

}  // namespace
}  // namespace aion::sim
