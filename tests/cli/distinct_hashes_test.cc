// The count of distinct trace hashes that explore reports: exact up to its limit, then an
// estimate within its stated error, in memory that stops growing.
#include "sim/cli/distinct_hashes.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "sim/cli/cli_error.h"
#include "sim/engine/hash.h"
#include "sim/engine/sealed_text.h"
#include "sim/lifecycle/failure_file.h"

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

// Two halves of a set, each in its own DistinctHashes, together hold what the set inserted
// whole does: exactly below the limit, the same estimate past it.
TEST(DistinctHashes, TheUnionOfTwoPartsIsTheWhole) {
  for (const std::uint64_t count : {std::uint64_t{3000}, std::uint64_t{30'000}}) {
    DistinctHashes whole(10'000), even(10'000), odd(10'000);
    for (std::uint64_t i = 0; i < count; ++i) {
      const std::uint64_t hash = sim::mix64(i % (count / 2 + 7));  // shared between the halves
      whole.insert(hash);
      (i % 2 == 0 ? even : odd).insert(hash);
    }
    even.add(odd);
    EXPECT_EQ(even.exact(), whole.exact()) << count;
    EXPECT_EQ(even.size(), whole.size()) << count;
  }
}

TEST(DistinctHashes, AnEncodingDecodesToTheSameSet) {
  DistinctHashes hashes(1000);
  for (std::uint64_t i = 0; i < 900; ++i) hashes.insert(i == 5 ? 0 : sim::mix64(i));
  const DistinctHashes exact = DistinctHashes::decode(hashes.encode(), "exact");
  EXPECT_TRUE(exact.exact());
  EXPECT_EQ(exact.size(), hashes.size());
  for (std::uint64_t i = 0; i < 5000; ++i) hashes.insert(sim::mix64(i));
  const DistinctHashes estimate = DistinctHashes::decode(hashes.encode(), "estimate");
  EXPECT_FALSE(estimate.exact());
  EXPECT_EQ(estimate.size(), hashes.size());
}

TEST(DistinctHashes, AnEncodingCutOrChangedIsRefused) {
  DistinctHashes hashes;
  for (std::uint64_t i = 0; i < 100; ++i) hashes.insert(sim::mix64(i));
  const std::string text = hashes.encode();
  for (const std::size_t cut :
       {std::size_t{0}, std::size_t{10}, text.size() / 2, text.size() - 1}) {
    EXPECT_THROW(DistinctHashes::decode(text.substr(0, cut), "cut"), UsageError) << cut;
  }
  std::string changed = text;
  changed[40] ^= 1;
  EXPECT_THROW(DistinctHashes::decode(changed, "changed"), UsageError);
  EXPECT_THROW(DistinctHashes::decode("aion-failure 2\n", "other"), UsageError);
  // A count that is missing, negative or past what the payload holds; a hash twice.
  const std::string header = "aion-classes 1\n";
  for (const std::string kind : {"exact\n\n", "exact x\n\n", "exact -1\n12345678\n",
                                 "exact 2305843009213693952\n\n", "exact 2\n1234567812345678\n"}) {
    EXPECT_THROW(DistinctHashes::decode(sim::seal_text(header + kind), "bad"), UsageError) << kind;
  }
  EXPECT_EQ(DistinctHashes::decode(sim::seal_text(header + "exact 1\n12345678\n"), "one").size(),
            1u);
}

}  // namespace
}  // namespace aion::cli
