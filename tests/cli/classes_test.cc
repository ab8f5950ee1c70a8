// aionsim classes through the real binary: an exact count when dpor's walk ends, a lower
// bound with the estimator's word when it does not, and a scenario's faults left out.
#include <gtest/gtest.h>

#include <string>

#include "tests/cli/aionsim_process.h"

namespace aion::cli_test {
namespace {

TEST(Classes, CountsExactlyWhenTheWalkEnds) {
  const Ran ran = run_aionsim({"classes", "--scenario", testdata("tiny.scenario"), "--bound", "0"});
  EXPECT_EQ(ran.status, 0) << ran.err;
  EXPECT_NE(ran.out.find("classes within 0 preemptions, every one walked by dpor:0 in "),
            std::string::npos)
      << ran.out;
}

TEST(Classes, SaysAtLeastAndEstimatesWhenTheWalkDoesNotEnd) {
  const Ran ran = run_aionsim(
      {"classes", "--scenario", testdata("tiny.scenario"), "--runs", "3", "--probes", "300"});
  EXPECT_EQ(ran.status, 0) << ran.err;
  EXPECT_NE(ran.out.find("at least 3 classes: dpor walked 3 in 3 runs without ending; "),
            std::string::npos)
      << ran.out;
  EXPECT_NE(ran.out.find("300 probes"), std::string::npos) << ran.out;
}

TEST(Classes, HelpSaysHowTheCountIsMade) {
  const Ran ran = run_aionsim({"classes", "--help"});
  EXPECT_EQ(ran.status, 0) << ran.err;
  EXPECT_NE(ran.out.find("Knuth's estimator"), std::string::npos) << ran.out;
}

}  // namespace
}  // namespace aion::cli_test
