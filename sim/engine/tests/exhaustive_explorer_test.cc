#include "sim/engine/exhaustive_explorer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <memory>
#include <set>
#include <vector>

#include "sim/engine/replay_strategy.h"
#include "sim/engine/simulator.h"
#include "sim/engine/tests/programs.h"

namespace aion::sim {
namespace {

struct Exploration {
  std::vector<RunResult> runs;
  bool exhausted = false;
};

Exploration explore(Simulator& sim, const testing::Program& program, std::uint32_t bound,
                    std::size_t max_runs = 10'000, Bounding bounding = Bounding::kPreemptions) {
  ExhaustiveExplorer explorer(bound, bounding);
  Exploration exploration;
  while (explorer.wants_run(exploration.runs.size()) && exploration.runs.size() < max_runs) {
    exploration.runs.push_back(
        sim.run(program, RunOptions().with_seed(1).with_strategy(&explorer)));
  }
  EXPECT_EQ(explorer.warning(), "");
  EXPECT_EQ(explorer.covered(), explorer.exhausted());
  EXPECT_EQ(explorer.runs(), exploration.runs.size());
  exploration.exhausted = explorer.exhausted();
  return exploration;
}

// An independent oracle: every leaf of the choice tree, by replaying each prefix and branching
// on every option of the first decision past it; returns the preemption count of each leaf.
void enumerate_leaves(Simulator& sim, const testing::Program& program,
                      std::vector<std::uint32_t> prefix, std::vector<std::size_t>& preemptions) {
  ReplayStrategy replay = ReplayStrategy::lenient(prefix);
  const RunResult result = sim.run(program, RunOptions().with_seed(1).with_strategy(&replay));
  if (result.schedule.size() == prefix.size()) {
    preemptions.push_back(count_preemptions(result.schedule));
    return;
  }
  const std::uint32_t options = result.schedule[prefix.size()].options;
  for (std::uint32_t option = 0; option < options; ++option) {
    std::vector<std::uint32_t> longer = prefix;
    longer.push_back(option);
    enumerate_leaves(sim, program, longer, preemptions);
  }
}

std::size_t leaves_within(const std::vector<std::size_t>& preemptions, std::size_t bound) {
  std::size_t count = 0;
  for (const std::size_t p : preemptions) count += p <= bound ? 1 : 0;
  return count;
}

TEST(ExhaustiveExplorerTest, TinyProgramHasExactlyOneSchedule) {
  Simulator sim;
  // main's join of `a`, which still runs, blocks at once (a join is enabled only once its
  // thread has finished), so main never competes with `a`: one schedule, whatever the bound.
  const std::size_t expected[] = {1, 1, 1, 1};
  for (std::uint32_t bound = 0; bound <= 3; ++bound) {
    const Exploration exploration = explore(sim, testing::one_yield_thread(), bound);
    EXPECT_TRUE(exploration.exhausted);
    EXPECT_EQ(exploration.runs.size(), expected[bound]) << "bound " << bound;
  }
}

TEST(ExhaustiveExplorerTest, EnumeratesEachScheduleOnceWithinTheBound) {
  Simulator sim;
  const testing::Program program = testing::yielders(2, 2);
  std::vector<std::size_t> oracle;
  enumerate_leaves(sim, program, {}, oracle);
  ASSERT_GT(oracle.size(), 10u);
  for (std::uint32_t bound = 0; bound <= 3; ++bound) {
    const Exploration exploration = explore(sim, program, bound);
    ASSERT_TRUE(exploration.exhausted);
    std::set<std::string> schedules;
    std::set<std::uint64_t> hashes;
    for (const RunResult& run : exploration.runs) {
      ASSERT_TRUE(run.passed()) << summarize(run);
      EXPECT_LE(count_preemptions(run.schedule), bound) << format_schedule(run.schedule);
      schedules.insert(format_schedule(run.schedule));
      hashes.insert(run.trace_hash);
    }
    EXPECT_EQ(schedules.size(), exploration.runs.size()) << "a schedule ran twice";
    EXPECT_EQ(hashes.size(), exploration.runs.size());
    EXPECT_EQ(exploration.runs.size(), leaves_within(oracle, bound)) << "bound " << bound;
  }
}

TEST(ExhaustiveExplorerTest, FindsTheLostWakeupWithOnePreemption) {
  Simulator sim;
  const Exploration broken = explore(sim, testing::lost_wakeup(false), 1);
  ASSERT_TRUE(broken.exhausted);
  std::size_t deadlocks = 0;
  for (const RunResult& run : broken.runs) deadlocks += run.outcome == Outcome::kDeadlock;
  EXPECT_GT(deadlocks, 0u);

  const Exploration fixed = explore(sim, testing::lost_wakeup(true), 2);
  ASSERT_TRUE(fixed.exhausted);
  for (const RunResult& run : fixed.runs) EXPECT_TRUE(run.passed()) << summarize(run);
}

// As a campaign resumes a walk after a run whose process died: a new explorer, rebuilt from
// nothing but the decisions the engine mirrored of the failing run, goes on with the same
// schedules.
TEST(ExhaustiveExplorerTest, AWalkResumedAfterEachFailingRunIsTheSameWalk) {
  Simulator sim;
  const testing::Program program = testing::lost_wakeup(false);
  const Exploration whole = explore(sim, program, 2);
  ASSERT_TRUE(whole.exhausted);
  std::vector<DecisionRecord> mirrored(1024);
  std::atomic<std::uint64_t> length{0};
  DecisionMirror mirror{mirrored.data(), mirrored.size(), &length};
  auto explorer = std::make_unique<ExhaustiveExplorer>(2);
  std::vector<std::string> schedules;
  std::size_t resumed = 0;
  while (explorer->wants_run(schedules.size()) && schedules.size() < 10'000) {
    const std::uint64_t runs_before = explorer->runs();
    RunOptions options = RunOptions().with_seed(1).with_strategy(explorer.get());
    options.decision_mirror = &mirror;
    const RunResult run = sim.run(program, options);
    schedules.push_back(format_schedule(run.schedule));
    ASSERT_EQ(length.load(), run.schedule.size());
    if (run.passed()) continue;
    // As if the run's process had died: what the explorer learnt from it is gone.
    explorer = std::make_unique<ExhaustiveExplorer>(2);
    explorer->resume_after_death({mirrored.data(), length.load()}, runs_before + 1);
    ++resumed;
  }
  EXPECT_GT(resumed, 0u);
  EXPECT_TRUE(explorer->exhausted());
  EXPECT_EQ(explorer->runs(), whole.runs.size());
  ASSERT_EQ(schedules.size(), whole.runs.size());
  for (std::size_t i = 0; i < schedules.size(); ++i) {
    EXPECT_EQ(schedules[i], format_schedule(whole.runs[i].schedule)) << "run " << i;
  }
}

// Delay bounding: no delay is the default schedule alone; each bound adds schedules, the
// fewest delays first, and a bound past every decision's options covers every schedule.
TEST(ExhaustiveExplorerTest, DelayBoundingGrowsToEverySchedule) {
  Simulator sim;
  const testing::Program program = testing::yielders(2, 2);
  std::vector<std::size_t> oracle;
  enumerate_leaves(sim, program, {}, oracle);
  const Exploration none = explore(sim, program, 0, 10'000, Bounding::kDelays);
  ASSERT_TRUE(none.exhausted);
  EXPECT_EQ(none.runs.size(), 1u);
  EXPECT_EQ(count_preemptions(none.runs[0].schedule), 0u);
  std::size_t before = 1;
  for (std::uint32_t bound = 1; bound <= 3; ++bound) {
    const Exploration walk = explore(sim, program, bound, 100'000, Bounding::kDelays);
    ASSERT_TRUE(walk.exhausted);
    std::set<std::string> schedules;
    for (const RunResult& run : walk.runs) schedules.insert(format_schedule(run.schedule));
    EXPECT_GT(schedules.size(), before) << "bound " << bound;
    EXPECT_LE(schedules.size(), oracle.size());
    // Iterative: the walk of the bound below comes first, whole.
    const Exploration below = explore(sim, program, bound - 1, 100'000, Bounding::kDelays);
    for (std::size_t i = 0; i < below.runs.size(); ++i) {
      EXPECT_EQ(format_schedule(walk.runs[i].schedule), format_schedule(below.runs[i].schedule));
    }
    before = schedules.size();
  }
  const Exploration all = explore(sim, program, 8, 1'000'000, Bounding::kDelays);
  std::set<std::string> every;
  for (const RunResult& run : all.runs) every.insert(format_schedule(run.schedule));
  EXPECT_EQ(every.size(), oracle.size());
}

TEST(ExhaustiveExplorerTest, DelayBoundingFindsTheLostWakeup) {
  Simulator sim;
  const Exploration broken =
      explore(sim, testing::lost_wakeup(false), 2, 10'000, Bounding::kDelays);
  std::size_t deadlocks = 0;
  for (const RunResult& run : broken.runs) deadlocks += run.outcome == Outcome::kDeadlock;
  EXPECT_GT(deadlocks, 0u);
  const Exploration fixed = explore(sim, testing::lost_wakeup(true), 3, 10'000, Bounding::kDelays);
  ASSERT_TRUE(fixed.exhausted);
  for (const RunResult& run : fixed.runs) EXPECT_TRUE(run.passed()) << summarize(run);
}

}  // namespace
}  // namespace aion::sim
