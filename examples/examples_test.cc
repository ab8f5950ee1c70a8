// The examples under aion::sim::check: each buggy program's bug is found by the default
// strategy within 1,000 runs on most seeds (the median of 20 must be), and each fixed twin
// passes the same budget, and 100,000 runs.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "examples/example_bodies.h"
#include "sim/check/gtest.h"

namespace examples {
namespace {

struct Example {
  std::string name;
  std::function<void()> buggy;
  std::function<void()> fixed;
};

std::vector<Example> all_examples() {
  return {
      {"bounded-queue", queue_body<false>, queue_body<true>},
      {"double-checked-init", lazy_body<false>, lazy_body<true>},
      {"ref-count", ref_count_body<false>, ref_count_body<true>},
      {"lock-free-stack", stack_body<false>, stack_body<true>},
      {"rw-lock", rw_lock_body<false>, rw_lock_body<true>},
  };
}

TEST(Examples, EachBugIsFoundWithinAThousandRunsOnTheMedianSeed) {
  for (const Example& example : all_examples()) {
    std::vector<std::uint64_t> runs;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
      aion::sim::CheckOptions options;
      options.name = example.name;
      options.seed = seed;
      options.runs = 1000;
      options.failure_dir = ::testing::TempDir();
      const aion::sim::CheckResult result = aion::sim::check(example.buggy, options);
      runs.push_back(result.passed() ? 1001 : result.runs);
    }
    std::sort(runs.begin(), runs.end());
    EXPECT_LE(runs[runs.size() / 2], 1000u) << example.name;
    std::printf("%s: median %llu runs to the bug, worst %llu\n", example.name.c_str(),
                static_cast<unsigned long long>(runs[runs.size() / 2]),
                static_cast<unsigned long long>(runs.back()));
  }
}

TEST(Examples, EachFixedTwinPassesAHundredThousandRuns) {
  for (const Example& example : all_examples()) {
    aion::sim::CheckOptions options;
    options.name = example.name;
    options.runs = 100'000;
    options.failure_dir = ::testing::TempDir();
    const aion::sim::CheckResult result = aion::sim::check(example.fixed, options);
    EXPECT_TRUE(result.passed()) << result.report;
    EXPECT_EQ(result.runs, 100'000u);
  }
}

// The one-block form a user writes.
AION_SIM_TEST(FixedTwins, BoundedQueue) { queue_body<true>(); }
AION_SIM_TEST(FixedTwins, DoubleCheckedInit) { lazy_body<true>(); }
AION_SIM_TEST(FixedTwins, RefCount) { ref_count_body<true>(); }
AION_SIM_TEST(FixedTwins, LockFreeStack) { stack_body<true>(); }
AION_SIM_TEST(FixedTwins, RwLock) { rw_lock_body<true>(); }

}  // namespace
}  // namespace examples
