// A strategy that is one file and one registry line (fixture/round_robin_strategy.cc) is, in a
// build of aionsim that links it, a strategy everywhere: --help lists it, explore runs
// campaigns with it and reports it, its bounds are checked, replay takes it and the files it
// finds, and the zoo compares it by default.
#include <gtest/gtest.h>

#include "tests/cli/aionsim_process.h"

namespace aion::cli_test {
namespace {

class StrategyFixture : public ::testing::Test {
 protected:
  void SetUp() override { use_aionsim_binary("tests/cli/aionsim_with_round_robin"); }
};

TEST_F(StrategyFixture, HelpListsIt) {
  const Ran ran = run_aionsim({"explore", "--help"});
  ASSERT_EQ(ran.status, 0) << ran.err;
  EXPECT_NE(ran.out.find("round_robin[:N]"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("(a test fixture)"), std::string::npos) << ran.out;
}

TEST_F(StrategyFixture, ExploreRunsItAndBoundsItsParameter) {
  const std::string out = fresh_dir("campaign");
  const Ran ran = run_aionsim({"explore", "--strategy", "round_robin:2", "--runs", "40", "--seed",
                               "3", "--jobs", "1", "--out", out, "--json"});
  ASSERT_EQ(ran.status, 0) << ran.err;
  EXPECT_NE(ran.out.find("\"strategy\": \"round_robin:2\""), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("\"runs\": 40"), std::string::npos) << ran.out;

  const Ran wrong = run_aionsim({"explore", "--strategy", "round_robin:0", "--runs", "1"});
  EXPECT_EQ(wrong.status, 2);
  EXPECT_NE(wrong.err.find("N (decisions per turn) must be between 1 and 100, not '0'"),
            std::string::npos)
      << wrong.err;
}

// With a defect on, what it finds is saved as a file that names it and replays.
TEST_F(StrategyFixture, ItsFindingsReplay) {
  const std::string out = fresh_dir("findings");
  const Ran ran = run_aionsim({"explore", "--strategy", "round_robin", "--runs", "200", "--seed",
                               "1", "--jobs", "1", "--defects", "R2", "--no-shrink", "--out", out});
  ASSERT_EQ(ran.status, 1) << ran.out << ran.err;
  const std::string file = word_after(ran.out, "file:");
  ASSERT_FALSE(file.empty()) << ran.out;
  EXPECT_NE(read_file(file).find("strategy round_robin:1\n"), std::string::npos) << read_file(file);
  const Ran replayed = run_aionsim({"replay", file});
  EXPECT_EQ(replayed.status, 0) << replayed.out << replayed.err;
  EXPECT_NE(replayed.out.find("as the file expects"), std::string::npos) << replayed.out;

  const Ran seeded = run_aionsim({"replay", "--scenario", testdata("tiny.scenario"), "--seed", "1",
                                  "--strategy", "round_robin:3"});
  EXPECT_NE(seeded.out.find("strategy round_robin:3"), std::string::npos)
      << seeded.out << seeded.err;
}

TEST_F(StrategyFixture, TheZooComparesIt) {
  const Ran ran =
      run_aionsim({"zoo", "--defects", "R2", "--seeds", "1", "--max-runs", "50", "--json"});
  EXPECT_NE(ran.out.find("\"strategy\": \"round_robin:1\""), std::string::npos)
      << ran.out << ran.err;
}

}  // namespace
}  // namespace aion::cli_test
