// The count of distinct trace hashes that explore reports: exact up to its limit, then an
// estimate within its stated error, in memory that stops growing.
#include "sim/cli/distinct_hashes.h"

#include <gtest/gtest.h>

#include <cmath>
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
    hashes.insert(hash);
    expected.insert(hash);
    if (i % 997 == 0) {
      EXPECT_EQ(hashes.size(), expected.size()) << i;
    }
  }
  EXPECT_TRUE(hashes.exact());
  EXPECT_EQ(hashes.size(), expected.size());
}

TEST(DistinctHashes, ZeroIsAHashLikeAnyOther) {
  DistinctHashes hashes;
  hashes.insert(0);
  hashes.insert(0);
  hashes.insert(1);
  EXPECT_EQ(hashes.size(), 2u);
}

TEST(DistinctHashes, PastItsLimitItEstimatesWithinItsErrorInFixedMemory) {
  DistinctHashes hashes(10'000);
  std::uint64_t bytes_at_switch = 0;
  for (std::uint64_t n = 1; n <= 2'000'000; ++n) {
    hashes.insert(n << 7);        // clustered, as raw counters would be
    hashes.insert((n / 2) << 7);  // and repeats
    if (n == 20'000) bytes_at_switch = hashes.bytes();
    if (n == 10'000 || n == 100'000 || n == 2'000'000) {
      const double error =
          std::abs(static_cast<double>(hashes.size()) - static_cast<double>(n)) / n;
      // Four standard errors.
      EXPECT_LT(error, 4 * DistinctHashes::kEstimateError) << n << " counted " << hashes.size();
    }
  }
  EXPECT_FALSE(hashes.exact());
  EXPECT_EQ(hashes.bytes(), bytes_at_switch);
  EXPECT_LE(hashes.bytes(), 1u << 15);
}

}  // namespace
}  // namespace aion::cli
