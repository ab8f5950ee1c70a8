// Defect hunts find what they hunt, with every strategy family, and find
// nothing when there is nothing to find.
#include "sim/zoo/defect_hunt.h"

#include <gtest/gtest.h>

#include "sim/engine/strategy_registry.h"

namespace aion::zoo {
namespace {

using runtime::Defect;

TEST(DefectHunt, EachStrategyFamilyFindsAFastExitRejection) {
  lifecycle::CaseRunner runner;
  for (const sim::StrategySpec& strategy : zoo_strategies()) {
    const HuntResult result = hunt(
        runner, runtime::RuntimeDefects::only(Defect::kR2MonitorChecksLiveness), strategy, 1, 500);
    EXPECT_TRUE(result.found) << strategy.text();
    EXPECT_EQ(result.invariant, "linearizable") << strategy.text();
    EXPECT_FALSE(result.failing.scenario.prefix.empty());
  }
}

TEST(DefectHunt, ZooCellReportsMedianWorstAndShrunkSize) {
  lifecycle::CaseRunner runner;
  ZooOptions options;
  options.seeds = 5;
  options.max_runs = 500;
  const ZooCell cell =
      run_zoo_cell(runner, Defect::kR1NoDrain, sim::strategy_named("random"), options);
  EXPECT_EQ(cell.seeds, 5u);
  EXPECT_EQ(cell.found, 5u);
  EXPECT_LE(cell.median_runs, cell.worst_runs);
  EXPECT_GE(cell.shrunk_operations, 1u);
  EXPECT_LE(cell.shrunk_operations, 4u);
}

// The honest control: the same hunts through the correct runtime find nothing.
TEST(DefectHunt, TheCorrectRuntimeGivesNothingToFind) {
  lifecycle::CaseRunner runner;
  for (const sim::StrategySpec& strategy : zoo_strategies()) {
    const HuntResult result = hunt(runner, runtime::RuntimeDefects{}, strategy, 1, 300);
    EXPECT_FALSE(result.found) << strategy.text() << ": " << result.invariant;
    EXPECT_EQ(result.runs, 300u);
    // A form that learns its K prints the K it used.
    EXPECT_TRUE(sim::strategy_named(result.strategy_used).is_complete()) << result.strategy_used;
  }
}

}  // namespace
}  // namespace aion::zoo
