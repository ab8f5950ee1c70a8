// The lifecycle properties: generated scenarios under generated (and seeded)
// schedules, each run checked by the oracle against the runtime's contract.
// Each property weights the situations it exists to explore and fails if its
// campaign never reached them.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "props/property_harness.h"
#include "sim/lifecycle/case_runner.h"

namespace aion::props {
namespace {

using oracle::Mark;
using scenario::Shape;

TEST(LifecycleProperties, ContractHoldsUnderRandomScenarios) {
  expect_property_holds(
      {"contract", builtin_mix(), {Mark::kMonitorOnExited, Mark::kNeverSpawnedRefused}});
}

TEST(LifecycleProperties, MonitorsOfExitedAndNeverSpawnedPidsRaceExits) {
  Profile profile;
  profile.shapes = {Shape::kComplete, Shape::kFail, Shape::kCrash, Shape::kLongWork};
  profile.monitor = 6;
  profile.never_spawned_target = 2;
  profile.cancel = 1;
  profile.deliver = 0;
  expect_property_holds({"exited_and_never_spawned",
                         profile,
                         {Mark::kMonitorOnExited, Mark::kMonitorRacedExit,
                          Mark::kMonitorInExitWindow, Mark::kNeverSpawnedRefused}});
}

TEST(LifecycleProperties, DeliveryRacesTheDrain) {
  Profile profile;
  profile.shapes = {Shape::kAwaitAny, Shape::kAwaitAll, Shape::kUntilCancelled, Shape::kComplete};
  profile.deliver = 5;
  profile.cancel = 2;
  profile.monitor = 3;
  expect_property_holds({"delivery_races_drain",
                         profile,
                         {Mark::kDeliveryRefusedAfterExit, Mark::kDeliveryRacedDrain}});
}

TEST(LifecycleProperties, DuplicateMonitorsAreRefused) {
  Profile profile;
  profile.monitor = 8;
  profile.never_spawned_target = 0;
  profile.max_prefix_spawns = 2;
  profile.min_branches = 3;
  expect_property_holds({"duplicate_monitors", profile, {Mark::kDuplicateRefused}});
}

TEST(LifecycleProperties, ShutdownRacesInstallation) {
  Profile profile;
  profile.monitor = 5;
  profile.shutdown = 2;
  profile.spawn = 2;
  expect_property_holds({"shutdown_races_install", profile, {Mark::kShutdownRacedMonitor}});
}

TEST(LifecycleProperties, ThreadStartFailureIsUndone) {
  Profile profile;
  profile.thread_start_fails = 400;
  profile.monitor = 6;
  profile.deliver = 2;
  expect_property_holds({"thread_start_failure", profile, {Mark::kThreadStartFailureUndone}});
}

TEST(LifecycleProperties, TombstoneChurnDoesNotLoseOutcomes) {
  Profile profile;
  profile.shapes = {Shape::kUntilCancelled, Shape::kSleep, Shape::kLongWork, Shape::kAwaitAny};
  profile.churn = 3;
  profile.monitor = 4;
  profile.cancel = 2;
  profile.max_tombstones = 2;
  expect_property_holds({"tombstone_churn", profile, {Mark::kTombstoneEvictedWhileMonitored}});
}

// Same case, same run: the trace hash and everything observed are identical.
RC_GTEST_PROP(LifecycleProperties, SameCaseSameTraceHash, ()) {
  static lifecycle::CaseRunner first;
  static lifecycle::CaseRunner second;
  const auto c = *gen_case(builtin_mix());
  const auto a = first.run(c);
  const auto b = second.run(c);
  RC_ASSERT(a.run.trace_hash == b.run.trace_hash);
  RC_ASSERT(a.run.schedule == b.run.schedule);
  RC_ASSERT(a.record.events.size() == b.record.events.size());
  RC_ASSERT(a.invariant() == b.invariant());
}

// Sampling outside a property is deterministic too (aionsim draws its cases so).
TEST(LifecycleProperties, SampledCasesDependOnlyOnTheSeed) {
  EXPECT_EQ(sample_case(builtin_mix(), 7), sample_case(builtin_mix(), 7));
  EXPECT_NE(sample_case(builtin_mix(), 7), sample_case(builtin_mix(), 8));
}

}  // namespace
}  // namespace aion::props
