// aionsim zoo: the table for one defect, as text and as JSON, and its bad input.
#include <gtest/gtest.h>

#include "tests/cli/aionsim_process.h"

namespace aion::cli_test {
namespace {

TEST(Zoo, FindsAFastExitRejectionWithEveryStrategyFamily) {
  const Ran ran = run_aionsim({"zoo", "--defects", "R2", "--seeds", "3", "--max-runs", "300"});
  ASSERT_EQ(ran.status, 0) << ran.err;
  for (const char* strategy :
       {"random", "pct:1", "pct:2", "pct:3", "exhaustive:1", "exhaustive:2"}) {
    EXPECT_NE(ran.out.find(strategy), std::string::npos) << strategy << "\n" << ran.out;
  }
  EXPECT_NE(ran.out.find("linearizable"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("target met by"), std::string::npos) << ran.out;
}

TEST(Zoo, PrintsJson) {
  const Ran ran =
      run_aionsim({"zoo", "--defects", "R1", "--seeds", "2", "--max-runs", "100", "--json"});
  ASSERT_EQ(ran.status, 0) << ran.err;
  for (const char* key : {"\"cells\"", "\"defect\": \"R1\"", "\"median_runs\"", "\"worst_runs\"",
                          "\"median_seconds\"", "\"shrunk_operations\"", "\"meets_target\""}) {
    EXPECT_NE(ran.out.find(key), std::string::npos) << key << "\n" << ran.out;
  }
}

TEST(Zoo, HuntsWithTheStrategiesItIsGivenAndSaysTheKPctUsed) {
  const Ran ran = run_aionsim({"zoo", "--defects", "R2", "--seeds", "2", "--max-runs", "100",
                               "--strategies", "pct:2,exhaustive:1", "--json"});
  ASSERT_EQ(ran.status, 0) << ran.err;
  EXPECT_NE(ran.out.find("\"strategy\": \"pct:2\""), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("\"strategy_used\": \"pct:2:"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("\"strategy\": \"exhaustive:1\""), std::string::npos) << ran.out;
  EXPECT_EQ(ran.out.find("\"strategy\": \"random\""), std::string::npos) << ran.out;
  const Ran wrong = run_aionsim({"zoo", "--strategies", "pct:2,walk"});
  EXPECT_EQ(wrong.status, 2);
  EXPECT_NE(wrong.err.find("--strategies: 'walk' is not a strategy"), std::string::npos)
      << wrong.err;
}

TEST(Zoo, RefusesAnUnknownDefectOnOneLine) {
  const Ran ran = run_aionsim({"zoo", "--defects", "R9"});
  EXPECT_EQ(ran.status, 2);
  EXPECT_EQ(ran.err,
            "aionsim: --defects takes defect names (R1 to R8, or those aionsim defects lists), not "
            "'R9'\n");
}

}  // namespace
}  // namespace aion::cli_test
