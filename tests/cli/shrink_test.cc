// aionsim shrink through the real binary: a failing case becomes a smaller
// failure file that still fails the same way; a passing one is refused.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/cli/aionsim_process.h"

namespace aion::cli_test {
namespace {

TEST(Shrink, WritesASmallerFileThatFailsTheSameWay) {
  const std::string dir = fresh_dir("shrink");
  const std::string input = dir + "/long_run.aionfail";
  std::filesystem::copy_file(testdata("long_run.aionfail"), input);
  // A few candidates are enough to see it shrink; each run takes 200000 steps.
  const Ran ran = run_aionsim({"shrink", input, "--max-runs", "4"});
  EXPECT_EQ(ran.status, 0) << ran.err;
  EXPECT_NE(ran.out.find("before: 20 operations, 0 choices, 0 preemptions"), std::string::npos)
      << ran.out;
  const std::string after = word_after(ran.out, "after:");
  ASSERT_FALSE(after.empty()) << ran.out;
  EXPECT_LT(std::stoi(after), 20);
  const std::string output = dir + "/long_run.shrunk.aionfail";
  EXPECT_NE(ran.out.find("wrote:  " + output), std::string::npos) << ran.out;
  EXPECT_NE(read_file(output).find("expect failure long-run"), std::string::npos);
}

TEST(Shrink, WritesWhereDashOSays) {
  const std::string dir = fresh_dir("shrink_o");
  const Ran ran = run_aionsim(
      {"shrink", testdata("long_run.aionfail"), "-o", dir + "/small.aionfail", "--max-runs", "1"});
  EXPECT_EQ(ran.status, 0) << ran.err;
  EXPECT_TRUE(std::filesystem::exists(dir + "/small.aionfail"));
}

TEST(Shrink, RefusesACaseThatPasses) {
  const Ran ran = run_aionsim({"shrink", testdata("churn_spanning_shutdown.aionfail")});
  EXPECT_EQ(ran.status, 1);
  EXPECT_NE(ran.err.find("the case passes now, so there is nothing to shrink"), std::string::npos)
      << ran.err;
}

}  // namespace
}  // namespace aion::cli_test
