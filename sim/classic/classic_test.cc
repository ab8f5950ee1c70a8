// Every classic program's bug is found by some strategy well within 1,000 schedules, and the
// same hunts find nothing in its fixed twin: the suite can fail both ways.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <vector>

#include "sim/classic/classic_hunt.h"
#include "sim/classic/classic_programs.h"
#include "sim/engine/dpor_explorer.h"
#include "sim/engine/simulator.h"
#include "sim/engine/strategy_registry.h"

namespace aion::classic {
namespace {

constexpr int kCampaigns = 5;

// The median of the campaigns' runs to the bug (a miss counts as past the limit).
std::uint64_t median_runs(const Program& program, const sim::StrategySpec& strategy,
                          std::uint64_t limit) {
  std::vector<std::uint64_t> runs;
  for (int c = 1; c <= kCampaigns; ++c) {
    const Hunt found = hunt(program, strategy, c, limit);
    runs.push_back(found.found ? found.runs : limit + 1);
  }
  std::sort(runs.begin(), runs.end());
  return runs[runs.size() / 2];
}

TEST(Classic, EveryBugIsFoundBySomeStrategyWithin1000Schedules) {
  for (const ClassicProgram& program : classic_programs()) {
    std::uint64_t best = UINT64_MAX;
    for (const sim::StrategySpec& strategy : sim::compared_forms()) {
      best = std::min(best, median_runs(program.buggy, strategy, 1000));
    }
    EXPECT_LE(best, 1000u) << program.name;
  }
}

TEST(Classic, TheSameHuntsFindNothingInTheFixedTwins) {
  for (const ClassicProgram& program : classic_programs()) {
    for (const sim::StrategySpec& strategy : sim::compared_forms()) {
      for (int c = 1; c <= (strategy.systematic() ? 1 : kCampaigns); ++c) {
        const Hunt found = hunt(program.fixed, strategy, c, 500);
        EXPECT_FALSE(found.found) << program.name << " under " << strategy.text();
      }
    }
  }
}

// Delay bounding covers every fixed twin within a few thousand schedules.
TEST(Classic, DelayBoundingCoversEveryFixedTwin) {
  for (const ClassicProgram& program : classic_programs()) {
    const Hunt walk = hunt(program.fixed, sim::strategy_named("delay:2"), 1, 5000);
    EXPECT_TRUE(walk.covered) << program.name << ": " << walk.runs << " runs";
    EXPECT_GE(walk.classes, 2u) << program.name;
  }
}

// dpor's walk of a fixed twin, with the runs its sleep sets blocked (runs that repeat a class).
struct DporWalk {
  bool covered = false;
  std::uint64_t runs = 0;
  std::uint64_t blocked = 0;
  std::set<std::uint64_t> classes;
};

DporWalk dpor_walk(const Program& program, std::uint64_t limit) {
  sim::Simulator simulator;
  sim::DporExplorer dpor;
  DporWalk walk;
  for (; walk.runs < limit && dpor.wants_run(walk.runs); ++walk.runs) {
    const sim::RunResult run =
        simulator.run(program, sim::RunOptions().with_seed(1).with_strategy(&dpor));
    EXPECT_TRUE(run.passed());
    walk.classes.insert(run.class_hash);
  }
  walk.covered = dpor.covered();
  walk.blocked = dpor.blocked_runs();
  return walk;
}

// dpor covers every class of every fixed twin (six threads in one lock, eight philosophers
// among them), one complete run per class, and more classes than delay bounding reaches.
TEST(Classic, DporCoversEveryClassOfEveryFixedTwinInACompleteRunEach) {
  for (const ClassicProgram& program : classic_programs()) {
    const DporWalk walk = dpor_walk(program.fixed, 10'000);
    EXPECT_TRUE(walk.covered) << program.name << ": " << walk.runs << " runs";
    EXPECT_EQ(walk.runs - walk.blocked, walk.classes.size()) << program.name;
    const Hunt delay = hunt(program.fixed, sim::strategy_named("delay:2"), 1, 5000);
    EXPECT_GE(walk.classes.size(), delay.classes) << program.name;
  }
}

// The classes of the fixed philosophers are known: each fork's two users take it in one
// order or the other, and every choice of orders happens but the two that go round the
// table (all clockwise, all counter-clockwise), which would be a cycle: 2^8 - 2.
TEST(Classic, DporCountsTheFixedPhilosophersExactly) {
  for (const ClassicProgram& program : classic_programs()) {
    if (program.name != "philosophers") continue;
    const DporWalk walk = dpor_walk(program.fixed, 10'000);
    EXPECT_TRUE(walk.covered);
    EXPECT_EQ(walk.classes.size(), 254u);
  }
}

}  // namespace
}  // namespace aion::classic
