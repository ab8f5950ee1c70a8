#include "sim/engine/determinism.h"

#include <gtest/gtest.h>

#include "sim/engine/pct_strategy.h"
#include "sim/engine/simulator.h"
#include "sim/engine/tests/programs.h"

namespace aion::sim {
namespace {

TEST(DeterminismTest, SameSeedGivesIdenticalTraces) {
  Simulator sim;
  PctStrategy pct(3, 50);
  FaultPlan faults;
  faults.set(FaultSite::kWakeupDelayed, 0.3).set(FaultSite::kExtraYield, 0.1);
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const DeterminismReport report =
        check_determinism(sim, testing::lost_wakeup(true),
                          RunOptions().with_seed(seed).with_strategy(&pct).with_faults(faults));
    EXPECT_TRUE(report.deterministic) << report.difference;
    EXPECT_FALSE(report.first.trace.empty());
    EXPECT_EQ(report.first.trace_hash, report.second.trace_hash);
  }
}

TEST(DeterminismTest, DifferentSeedsGiveDifferentTraces) {
  Simulator sim;
  RunOptions options;
  options.record_trace = true;
  options.seed = 1;
  const RunResult one = sim.run(testing::yielders(3, 5), options);
  options.seed = 2;
  const RunResult two = sim.run(testing::yielders(3, 5), options);
  EXPECT_NE(one.trace_hash, two.trace_hash);
  EXPECT_FALSE(first_trace_difference(one.trace, two.trace).empty());
}

TEST(DeterminismTest, NamesTheFirstDivergingEvent) {
  Simulator sim;
  int runs = 0;
  // Reads state that outlives the run: the second run takes another path.
  const auto leaky = [&](platform::Platform& p) {
    ++runs;
    p.yield_point("start");
    p.yield_point(runs == 1 ? "first.time" : "second.time");
  };
  const DeterminismReport report = check_determinism(sim, leaky, RunOptions().with_seed(1));
  EXPECT_FALSE(report.deterministic);
  EXPECT_NE(report.difference.find("event 1 differs"), std::string::npos) << report.difference;
  EXPECT_NE(report.difference.find("`first.time`"), std::string::npos) << report.difference;
  EXPECT_NE(report.difference.find("`second.time`"), std::string::npos) << report.difference;
}

TEST(DeterminismTest, ReportsARunThatGoesOnLonger) {
  Trace shorter(1);
  shorter[0].fiber_name = "main";
  Trace longer = shorter;
  longer.push_back(shorter[0]);
  longer[1].op = Op::kLock;
  longer[1].object = "m";
  const std::string difference = first_trace_difference(shorter, longer);
  EXPECT_NE(difference.find("the first run ends after 1 events"), std::string::npos) << difference;
  EXPECT_NE(difference.find("lock `m`"), std::string::npos) << difference;
}

// The hash depends on content only, so it is the same in every process, build and machine.
// If the trace format or hash function changes on purpose, update the constant.
TEST(DeterminismTest, TraceHashIsStableAcrossProcesses) {
  Simulator sim;
  const RunResult result = sim.run(testing::locked_counter(2), RunOptions().with_seed(42));
  ASSERT_TRUE(result.passed());
  EXPECT_EQ(result.trace_hash, 0x0efa49589dc5c904u) << std::hex << result.trace_hash;
}

}  // namespace
}  // namespace aion::sim
