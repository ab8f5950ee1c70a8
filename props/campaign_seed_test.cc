// The long-campaign recipe covers distinct parts of the seed space: every shard of
// TEST_TOTAL_SHARDS and every repetition of --runs_per_test (TEST_RANDOM_SEED) starts from
// its own campaign seed, and the same part always from the same one.
#include <gtest/gtest.h>

#include <cstdlib>
#include <set>
#include <string>

#include "props/property_harness.h"

namespace aion::props {
namespace {

std::uint64_t seed_of(const char* shard, const char* repetition) {
  setenv("TEST_SHARD_INDEX", shard, 1);
  if (repetition != nullptr) {
    setenv("TEST_RANDOM_SEED", repetition, 1);
  } else {
    unsetenv("TEST_RANDOM_SEED");
  }
  return campaign_seed();
}

TEST(CampaignSeed, EveryShardAndRepetitionExploresItsOwnPart) {
  std::set<std::uint64_t> seeds;
  const char* shards[] = {"0", "1", "2", "3"};
  const char* repetitions[] = {nullptr, "1", "2", "3", "4"};
  for (const char* shard : shards) {
    for (const char* repetition : repetitions) {
      const std::uint64_t seed = seed_of(shard, repetition);
      EXPECT_TRUE(seeds.insert(seed).second)
          << "shard " << shard << " repetition " << (repetition ? repetition : "none");
      EXPECT_EQ(seed_of(shard, repetition), seed);
    }
  }
  EXPECT_EQ(seeds.size(), 20u);
}

}  // namespace
}  // namespace aion::props
