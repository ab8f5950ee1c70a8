// The exact count of distinct trace hashes that explore reports.
#include "sim/cli/distinct_hashes.h"

#include <gtest/gtest.h>

#include <set>

#include "sim/engine/hash.h"

namespace aion::cli {
namespace {

TEST(DistinctHashes, CountsEachHashOnceThroughGrowth) {
  DistinctHashes hashes;
  std::set<std::uint64_t> expected;
  for (std::uint64_t i = 0; i < 50'000; ++i) {
    // Repeats and clustered low bits, as well as well-mixed values.
    const std::uint64_t hash = i % 3 == 0 ? sim::mix64(i / 7) : (i % 1000) << 20;
    EXPECT_EQ(hashes.insert(hash), expected.insert(hash).second) << i;
  }
  EXPECT_EQ(hashes.size(), expected.size());
}

TEST(DistinctHashes, ZeroIsAHashLikeAnyOther) {
  DistinctHashes hashes;
  EXPECT_TRUE(hashes.insert(0));
  EXPECT_FALSE(hashes.insert(0));
  EXPECT_TRUE(hashes.insert(1));
  EXPECT_EQ(hashes.size(), 2u);
}

}  // namespace
}  // namespace aion::cli
