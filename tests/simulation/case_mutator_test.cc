// The mutators of guided fuzzing: every mutant is a valid case within the profile's bounds,
// the same stream gives the same mutants, and every mutation in the table does something to
// some case. The features of a run depend on its record alone.
#include "sim/lifecycle/case_mutator.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "sim/engine/rng.h"
#include "sim/lifecycle/case_runner.h"
#include "sim/lifecycle/run_features.h"
#include "sim/scenario/scenario_text.h"

namespace aion::lifecycle {
namespace {

LifecycleCase sampled(std::uint64_t seed) {
  LifecycleCase c;
  c.scenario = scenario::sample_scenario(scenario::builtin_mix(), seed);
  c.seed = seed;
  c.strategy = sim::StrategySpec{&sim::generated_strategy_kind(), {}};
  sim::Rng rng(seed);
  c.choices.resize(5 + seed % 7);
  for (auto& choice : c.choices) choice = static_cast<std::uint32_t>(rng.below(4));
  return c;
}

TEST(CaseMutator, EveryMutantIsAValidCaseWithinTheProfile) {
  const scenario::Profile profile = scenario::builtin_mix();
  sim::Rng rng(11);
  for (std::uint64_t seed = 0; seed < 300; ++seed) {
    LifecycleCase c = sampled(seed);
    const LifecycleCase other = sampled(seed + 1000);
    for (int round = 0; round < 10; ++round) {
      MutationContext context{profile, rng, &other, 0.5, 40};
      c = mutate(c, context);
      ASSERT_EQ(scenario::validate(c.scenario), std::nullopt) << scenario::render(c.scenario);
      ASSERT_GE(c.scenario.branches.size(), profile.min_branches);
      ASSERT_LE(c.scenario.branches.size(), profile.max_branches);
      for (const auto& branch : c.scenario.branches) {
        ASSERT_FALSE(branch.empty());
        ASSERT_LE(branch.size(), profile.max_branch_ops);
      }
      ASSERT_LE(c.scenario.config.schedulers, profile.max_schedulers);
      ASSERT_LE(c.scenario.config.tombstones, profile.max_tombstones);
    }
  }
}

TEST(CaseMutator, TheSameStreamGivesTheSameMutants) {
  const scenario::Profile profile = scenario::builtin_mix();
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    sim::Rng a(seed), b(seed);
    MutationContext ca{profile, a, nullptr, -1, 0};
    MutationContext cb{profile, b, nullptr, -1, 0};
    EXPECT_EQ(mutate(sampled(seed), ca), mutate(sampled(seed), cb)) << seed;
  }
}

TEST(CaseMutator, EveryMutationChangesSomeCase) {
  const scenario::Profile profile = scenario::builtin_mix();
  for (const Mutation& mutation : mutations()) {
    bool changed = false;
    sim::Rng rng(3);
    for (std::uint64_t seed = 0; seed < 50 && !changed; ++seed) {
      LifecycleCase c = sampled(seed);
      const LifecycleCase other = sampled(seed + 500);
      const LifecycleCase before = c;
      MutationContext context{profile, rng, &other, 0.3, 20};
      changed = mutation.apply(c, context) && c != before;
    }
    EXPECT_TRUE(changed) << mutation.name;
  }
}

TEST(RunFeatures, ARunGivesTheSameFeaturesEachOnceEachTimeAndScenariosDiffer) {
  CaseRunner runner;
  std::set<std::vector<std::uint32_t>> distinct;
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    const LifecycleCase c = sampled(seed);
    const auto ids = [&] {
      std::vector<std::uint32_t> ids;
      for (const Feature& f : run_features(runner.run(c))) ids.push_back(f.id);
      return ids;
    };
    const auto once = ids();
    EXPECT_EQ(ids(), once) << seed;
    EXPECT_FALSE(once.empty());
    for (const std::uint32_t id : once) EXPECT_LT(id, kFeatureSpace);
    EXPECT_EQ(std::set<std::uint32_t>(once.begin(), once.end()).size(), once.size()) << seed;
    distinct.insert(once);
  }
  EXPECT_GT(distinct.size(), 10u);
}

}  // namespace
}  // namespace aion::lifecycle
