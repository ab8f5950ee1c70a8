// The fiber set against std::set over random inserts and erases, across word boundaries:
// size, membership, the i-th member, positions, iteration in ascending order, and union.
#include "sim/engine/fiber_set.h"

#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "sim/engine/rng.h"

namespace aion::sim {
namespace {

void expect_same(const FiberSet& set, const std::set<std::uint32_t>& model) {
  ASSERT_EQ(set.size(), model.size());
  EXPECT_EQ(std::vector<std::uint32_t>(set.begin(), set.end()),
            std::vector<std::uint32_t>(model.begin(), model.end()));
  std::size_t position = 0;
  for (const std::uint32_t fiber : model) {
    EXPECT_EQ(set[position], fiber);
    EXPECT_EQ(set.position_of(fiber), position);
    ++position;
  }
  for (std::uint32_t fiber = 0; fiber < 300; ++fiber) {
    EXPECT_EQ(set.contains(fiber), model.count(fiber) == 1) << fiber;
  }
}

TEST(FiberSetTest, BehavesAsAnOrderedSet) {
  Rng rng(7);
  FiberSet set;
  std::set<std::uint32_t> model;
  for (int i = 0; i < 5000; ++i) {
    const auto fiber = static_cast<std::uint32_t>(rng.below(260));
    if (rng.below(3) == 0) {
      set.erase(fiber);
      model.erase(fiber);
    } else {
      set.insert(fiber);
      model.insert(fiber);
    }
    if (i % 250 == 0) expect_same(set, model);
  }
  expect_same(set, model);
  EXPECT_EQ(set.back(), *model.rbegin());
}

TEST(FiberSetTest, TheUnionHasTheMembersOfBoth) {
  FiberSet a, b;
  std::set<std::uint32_t> model;
  for (const std::uint32_t fiber : {1u, 63u, 64u, 200u}) {
    a.insert(fiber);
    model.insert(fiber);
  }
  for (const std::uint32_t fiber : {0u, 63u, 129u, 255u, 256u}) {
    b.insert(fiber);
    model.insert(fiber);
  }
  a.add(b);
  expect_same(a, model);
  FiberSet empty;
  EXPECT_TRUE(empty.empty());
  EXPECT_EQ(empty.begin(), empty.end());
}

}  // namespace
}  // namespace aion::sim
