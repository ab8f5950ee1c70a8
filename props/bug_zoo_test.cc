// The bug zoo: each race class of ../shared/spec/race-classes.md, re-created
// as a runtime defect, must be found by the lifecycle properties, unchanged
// and not told which defect is on, within a fixed budget, and must shrink to
// a small case. The same budget on the correct runtime must find nothing.
#include <gtest/gtest.h>

#include "props/lifecycle_properties.h"
#include "props/property_harness.h"
#include "runtime/runtime_defects.h"

namespace aion::props {
namespace {

using runtime::Defect;

// Cases per property; the properties run in order until one fails.
constexpr int kBudget = 300;
constexpr std::size_t kSmallScenario = 8;

PropertySpec with_budget(PropertySpec spec) {
  spec.default_cases = kBudget;
  spec.scalable = false;
  return spec;
}

class BugZooTest : public testing::TestWithParam<Defect> {};

TEST_P(BugZooTest, TheLifecyclePropertiesFindItAndShrinkIt) {
  const Defect defect = GetParam();
  for (PropertySpec spec : lifecycle_properties()) {
    spec = with_budget(spec);
    spec.name += std::string("_") + std::string(runtime::defect_name(defect));
    spec.options.runtime.defects = runtime::RuntimeDefects::only(defect);
    const PropertyOutcome outcome = run_property(spec);
    if (outcome.passed) continue;
    std::cout << runtime::defect_name(defect) << " found by " << spec.name << ": "
              << outcome.invariant << ", shrunk to " << outcome.shrunk_operations
              << " operations and " << outcome.shrunk_preemptions << " preemptions\n";
    EXPECT_LE(outcome.shrunk_operations, kSmallScenario) << outcome.report;
    return;
  }
  ADD_FAILURE() << runtime::defect_name(defect) << " (" << runtime::defect_summary(defect)
                << ") went unnoticed by every property within " << kBudget << " cases each";
}

INSTANTIATE_TEST_SUITE_P(
    RaceClasses, BugZooTest,
    testing::Values(Defect::kR1NoDrain, Defect::kR2MonitorChecksLiveness,
                    Defect::kR3DeliveryCheckThenRetain, Defect::kR4DeliveryTrustsLiveTable,
                    Defect::kR5NoInstallUndo, Defect::kR6DuplicateMonitors,
                    Defect::kR7WaitOnTombstone, Defect::kR8CallbackDroppedAtShutdown),
    [](const auto& info) { return std::string(runtime::defect_name(info.param)); });

TEST(BugZoo, TheSameBudgetFindsNothingInTheCorrectRuntime) {
  for (const PropertySpec& spec : lifecycle_properties()) {
    const PropertyOutcome outcome = run_property(with_budget(spec));
    EXPECT_TRUE(outcome.passed) << outcome.report;
  }
}

}  // namespace
}  // namespace aion::props
