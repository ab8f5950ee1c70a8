// The scenario sampler: a seed alone decides its scenario; over many seeds the
// builtin mix reaches every shape and every operation while each scenario
// validates and keeps to the profile's bounds; the lowest draws give the
// smallest scenario and the highest the largest, which is what lets a
// shrinking source of draws shrink scenarios.
#include "sim/scenario/scenario_sampler.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <variant>
#include <vector>

#include "sim/scenario/scenario_text.h"

namespace aion::scenario {
namespace {

class LowestDraws final : public Draws {
 public:
  std::uint64_t in_range(std::uint64_t low, std::uint64_t) override { return low; }
  std::uint64_t pick(std::uint64_t) override { return 0; }
};

class HighestDraws final : public Draws {
 public:
  std::uint64_t in_range(std::uint64_t, std::uint64_t high) override { return high - 1; }
  std::uint64_t pick(std::uint64_t count) override { return count - 1; }
};

void expect_within(const Profile& profile, const Scenario& s) {
  EXPECT_GE(s.config.schedulers, 1u);
  EXPECT_LE(s.config.schedulers, profile.max_schedulers);
  EXPECT_GE(s.config.tombstones, 1u);
  EXPECT_LE(s.config.tombstones, profile.max_tombstones);
  EXPECT_LE(s.config.faults.extra_yield, profile.extra_yield);
  EXPECT_GE(s.branches.size(), profile.min_branches);
  EXPECT_LE(s.branches.size(), profile.max_branches);
  for (const auto& branch : s.branches) {
    EXPECT_GE(branch.size(), 1u);
    EXPECT_LE(branch.size(), profile.max_branch_ops);
  }
  // The prefix opens with its spawns, then at most two other operations.
  std::size_t spawns = 0;
  while (spawns < s.prefix.size() && std::holds_alternative<op::Spawn>(s.prefix[spawns])) {
    ++spawns;
  }
  EXPECT_GE(spawns, 1u);
  EXPECT_LE(s.prefix.size(), profile.max_prefix_spawns + 2);
}

TEST(ScenarioSampler, TheSameSeedGivesTheSameScenario) {
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    EXPECT_EQ(sample_scenario(builtin_mix(), seed), sample_scenario(builtin_mix(), seed))
        << "seed " << seed;
  }
}

TEST(ScenarioSampler, DifferentSeedsGiveDifferentScenarios) {
  EXPECT_NE(sample_scenario(builtin_mix(), 7), sample_scenario(builtin_mix(), 8));
  std::set<std::string> scripts;
  for (std::uint64_t seed = 0; seed < 100; ++seed) {
    scripts.insert(render(sample_scenario(builtin_mix(), seed)));
  }
  EXPECT_GE(scripts.size(), 95u);
}

// What a campaign explores comes from here: it must reach everything the mix
// weights, and hand the runner only scenarios it can play.
TEST(ScenarioSampler, TheBuiltinMixDrawsEveryShapeAndOperationAndOnlyValidScenarios) {
  const Profile profile = builtin_mix();
  std::set<Shape> shapes;
  std::set<std::size_t> kinds;
  for (std::uint64_t seed = 0; seed < 2000; ++seed) {
    const Scenario s = sample_scenario(profile, seed);
    const auto error = validate(s);
    ASSERT_FALSE(error) << "seed " << seed << ": " << *error << "\n" << render(s);
    expect_within(profile, s);
    auto note = [&](const std::vector<Op>& ops) {
      for (const auto& op : ops) {
        kinds.insert(op.index());
        if (const auto* spawn = std::get_if<op::Spawn>(&op)) shapes.insert(spawn->shape);
      }
    };
    note(s.prefix);
    for (const auto& branch : s.branches) note(branch);
  }
  EXPECT_EQ(shapes.size(), kShapeCount);
  EXPECT_EQ(kinds.size(), std::variant_size_v<Op>);
}

TEST(ScenarioSampler, AProfileKeepsToItsShapesAndNeverDrawsWhatItWeightsZero) {
  Profile profile;  // churn and shutdown weigh 0
  profile.shapes = {Shape::kSleep, Shape::kAwaitAny};
  for (std::uint64_t seed = 0; seed < 500; ++seed) {
    const Scenario s = sample_scenario(profile, seed);
    auto check = [&](const std::vector<Op>& ops) {
      for (const auto& op : ops) {
        EXPECT_FALSE(std::holds_alternative<op::Churn>(op)) << render(s);
        EXPECT_FALSE(std::holds_alternative<op::Shutdown>(op)) << render(s);
        if (const auto* spawn = std::get_if<op::Spawn>(&op)) {
          EXPECT_TRUE(spawn->shape == Shape::kSleep || spawn->shape == Shape::kAwaitAny);
        }
      }
    };
    check(s.prefix);
    for (const auto& branch : s.branches) check(branch);
  }
}

TEST(ScenarioSampler, TheLowestDrawsGiveTheSmallestScenario) {
  Profile profile = builtin_mix();
  profile.min_branches = 3;
  LowestDraws draws;
  const Scenario s = draw_scenario(profile, draws);
  Scenario smallest;
  smallest.config.schedulers = 1;
  smallest.config.tombstones = 1;
  smallest.prefix = {op::Spawn{Shape::kComplete}};
  smallest.branches.assign(3, {op::Monitor{Target{true, 0}}});
  EXPECT_EQ(s, smallest) << render(s);
}

TEST(ScenarioSampler, TheHighestDrawsReachTheProfilesUpperBounds) {
  const Profile profile = builtin_mix();
  HighestDraws draws;
  const Scenario s = draw_scenario(profile, draws);
  EXPECT_FALSE(validate(s)) << render(s);
  EXPECT_EQ(s.config.schedulers, profile.max_schedulers);
  EXPECT_EQ(s.config.tombstones, profile.max_tombstones);
  EXPECT_EQ(s.config.faults.extra_yield, profile.extra_yield);
  EXPECT_EQ(s.prefix.size(), profile.max_prefix_spawns + 2);
  ASSERT_EQ(s.branches.size(), profile.max_branches);
  for (const auto& branch : s.branches) {
    EXPECT_EQ(branch.size(), profile.max_branch_ops);
    // The last operation of positive weight in a branch.
    EXPECT_TRUE(std::holds_alternative<op::Shutdown>(branch.front())) << render(s);
  }
}

}  // namespace
}  // namespace aion::scenario
