// The lifecycle properties (lifecycle_properties.h) on the correct runtime:
// generated scenarios under generated (and seeded) schedules, each run checked
// by the oracle against the runtime's contract; each property fails if its
// campaign never reached the situations it exists to explore.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <set>
#include <variant>

#include "props/lifecycle_properties.h"
#include "props/property_harness.h"
#include "sim/lifecycle/case_determinism.h"
#include "sim/lifecycle/case_runner.h"

namespace aion::props {
namespace {

class LifecyclePropertyTest : public testing::TestWithParam<PropertySpec> {};

TEST_P(LifecyclePropertyTest, HoldsAndReachesItsMarks) { expect_property_holds(GetParam()); }

INSTANTIATE_TEST_SUITE_P(LifecycleProperties, LifecyclePropertyTest,
                         testing::ValuesIn(lifecycle_properties()),
                         [](const auto& info) { return info.param.name; });

// Same case, same run: the trace and everything observed are identical; when
// they are not, the property names the first event where the runs part.
RC_GTEST_PROP(LifecycleProperties, SameCaseSameTraceHash, ()) {
  static lifecycle::CaseRunner first;
  static lifecycle::CaseRunner second;
  const auto c = *gen_case(builtin_mix());
  const auto a = first.run(c);
  const std::string parted = lifecycle::nondeterminism(second, c, {}, a);
  if (!parted.empty()) RC_FAIL(parted);
  RC_ASSERT(a.invariant() == second.run(c).invariant());
}

// The determinism check is able to fail, and says where the runs part.
TEST(LifecycleProperties, ADeterminismCheckNamesTheFirstEventWhereRunsPart) {
  lifecycle::CaseRunner runner;
  lifecycle::CaseOptions options;
  options.runtime.defects = runtime::RuntimeDefects::only(runtime::Defect::kNondeterministic);
  const auto c = sample_case(builtin_mix(), 3);
  const auto first = runner.run(c, options);
  const std::string parted = lifecycle::nondeterminism(runner, c, options, first);
  EXPECT_NE(parted.find("the same case ran twice and the runs parted"), std::string::npos)
      << parted;
  EXPECT_NE(parted.find("first run:"), std::string::npos) << parted;
  EXPECT_NE(parted.find("second run:"), std::string::npos) << parted;
  EXPECT_NE(parted.find("runtime.warm_up"), std::string::npos) << parted;
  EXPECT_TRUE(lifecycle::nondeterminism(runner, c, {}, runner.run(c)).empty());
}

// Sampling outside a property is deterministic too (aionsim draws its cases so).
TEST(LifecycleProperties, SampledCasesDependOnlyOnTheSeed) {
  EXPECT_EQ(sample_case(builtin_mix(), 7), sample_case(builtin_mix(), 7));
  EXPECT_NE(sample_case(builtin_mix(), 7), sample_case(builtin_mix(), 8));
}

// A campaign's cases come from sample_case: every shape and every kind of
// operation must turn up (RapidCheck scales even gen::inRange by size).
TEST(LifecycleProperties, SampledCasesDrawEveryShapeAndEveryOperation) {
  std::set<scenario::Shape> shapes;
  std::set<std::size_t> kinds;
  for (std::uint64_t seed = 0; seed < 500; ++seed) {
    const auto c = sample_case(builtin_mix(), seed);
    auto note = [&](const std::vector<scenario::Op>& ops) {
      for (const auto& op : ops) {
        kinds.insert(op.index());
        if (const auto* spawn = std::get_if<scenario::op::Spawn>(&op)) shapes.insert(spawn->shape);
      }
    };
    note(c.scenario.prefix);
    for (const auto& branch : c.scenario.branches) note(branch);
  }
  EXPECT_EQ(shapes.size(), scenario::kShapeCount);
  EXPECT_EQ(kinds.size(), std::variant_size_v<scenario::Op>);
}

}  // namespace
}  // namespace aion::props
