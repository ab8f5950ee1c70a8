// Every kind of bad input ends with one line `aionsim: <what is wrong>` on
// stderr and exit status 2: never a crash, never an uncaught exception.
#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

#include "tests/cli/aionsim_process.h"

namespace aion::cli_test {
namespace {

struct BadInput {
  const char* name;
  std::vector<std::string> args;  // "@name" is tests/cli/testdata/name
  std::string message;            // what the line must say

  friend void PrintTo(const BadInput& input, std::ostream* os) { *os << input.name; }
};

class BadInputTest : public testing::TestWithParam<BadInput> {};

TEST_P(BadInputTest, ExitsTwoWithOneLineThatSaysWhatIsWrong) {
  std::vector<std::string> args = GetParam().args;
  for (std::string& arg : args) {
    if (!arg.empty() && arg[0] == '@') arg = testdata(arg.substr(1));
  }
  const Ran ran = run_aionsim(args);
  EXPECT_EQ(ran.status, 2) << ran.out << ran.err;
  EXPECT_EQ(ran.err.rfind("aionsim: ", 0), 0u) << ran.err;
  EXPECT_EQ(std::count(ran.err.begin(), ran.err.end(), '\n'), 1) << ran.err;
  EXPECT_NE(ran.err.find(GetParam().message), std::string::npos) << ran.err;
  EXPECT_EQ(ran.out, "");
}

const std::string kTooBig = "18446744073709551616";

INSTANTIATE_TEST_SUITE_P(
    Everything, BadInputTest,
    testing::Values(
        BadInput{"UnknownCommand", {"frobnicate"}, "unknown command 'frobnicate'"},
        BadInput{
            "UnknownFlag", {"explore", "--frob"}, "unknown flag '--frob' for 'aionsim explore'"},
        BadInput{"UnknownBareFlag", {"--frob"}, "unknown flag '--frob'"},
        BadInput{
            "UnknownReplayFlag", {"replay", "@tiny.scenario", "--fast"}, "unknown flag '--fast'"},
        BadInput{"FlagWithoutValue", {"explore", "--runs"}, "--runs needs a value"},
        BadInput{"FlagTwice", {"explore", "--runs", "1", "--runs", "2"}, "--runs is given twice"},
        BadInput{"MissingFile", {"replay", "no-such.aionfail"}, "no-such.aionfail: no such file"},
        BadInput{"MissingScenario",
                 {"explore", "--scenario", "nope.scenario"},
                 "nope.scenario: no such file"},
        BadInput{"UnreadableFile", {"shrink", "@"}, "is a directory, not a file"},
        BadInput{"EndlessFile", {"replay", "/dev/zero"}, "/dev/zero: is not a regular file"},
        BadInput{
            "UnknownDefect",
            {"explore", "--defects", "R3,R0"},
            "--defects takes defect names (R1 to R8, or those aionsim defects lists), not 'R0'"},
        BadInput{"TruncatedFile",
                 {"replay", "@truncated.aionfail"},
                 "the file is cut short: its last line is not 'end <bytes> <checksum>'"},
        BadInput{"CutInsideItsScenario",
                 {"replay", "@cut_in_scenario.aionfail"},
                 "the file is cut short: its last line is not 'end <bytes> <checksum>'"},
        BadInput{"ChoicesThatDisagree",
                 {"shrink", "@choices_disagree.aionfail"},
                 "the two do not tell the same run"},
        BadInput{"OtherVersion",
                 {"replay", "@other_version.aionfail"},
                 "format '7' is not the format 2"},
        BadInput{"UnknownInvariant",
                 {"replay", "@unknown_invariant.aionfail"},
                 "line 3: 'no-such-invariant' is not an invariant (aionsim invariants lists them)"},
        BadInput{"NotAFailureFile", {"shrink", "@tiny.scenario"}, "not an aion failure file"},
        BadInput{"NegativeRuns",
                 {"explore", "--runs", "-5"},
                 "--runs must be between 1 and 18446744073709551615, not the negative '-5'"},
        BadInput{"ZeroRuns", {"explore", "--runs", "0"}, "--runs must be between 1 and"},
        BadInput{"NonNumericRuns",
                 {"explore", "--runs", "ten"},
                 "--runs takes a whole number, not 'ten'"},
        BadInput{"NegativeSeconds",
                 {"explore", "--seconds", "-3"},
                 "--seconds takes a positive number of seconds, not the negative '-3'"},
        BadInput{"NonNumericSeconds",
                 {"explore", "--seconds", "1e3"},
                 "--seconds takes a positive number of seconds, not '1e3'"},
        BadInput{"ZeroSeconds",
                 {"explore", "--seconds", "0.0"},
                 "--seconds must be more than 0 seconds"},
        BadInput{
            "ZeroJobs", {"explore", "--jobs", "0"}, "--jobs must be between 1 and 256, not '0'"},
        BadInput{"PctDepthTooHigh",
                 {"explore", "--strategy", "pct:11"},
                 "--strategy: strategy pct:D[:K]: D (depth) must be between 1 and 10, not '11'"},
        BadInput{"PctDepthZero",
                 {"explore", "--strategy", "pct:0"},
                 "--strategy: strategy pct:D[:K]: D (depth) must be between 1 and 10, not '0'"},
        BadInput{
            "ExhaustiveBoundTooHigh",
            {"explore", "--strategy", "exhaustive:4"},
            "--strategy: strategy exhaustive:K: K (preemptions) must be between 0 and 3, not '4'"},
        BadInput{"UnknownStrategy",
                 {"explore", "--strategy", "dfs"},
                 "--strategy: 'dfs' is not a strategy (mix[:K], random, pct:D[:K], pos[:S], "
                 "exhaustive:K, delay:K, por, dpor[:K], guided[:N] or generated)"},
        BadInput{"SeedTooBig",
                 {"explore", "--seed", kTooBig},
                 "--seed must be between 0 and 18446744073709551615, not '18446744073709551616' "
                 "(it does not fit in 64 bits)"},
        BadInput{"NegativeSeed",
                 {"replay", "--scenario", "@tiny.scenario", "--seed", "-1"},
                 "not the negative '-1'"},
        BadInput{"ReplayWithoutInput", {"replay"}, "replay needs a failure file"},
        BadInput{"ReplayScenarioWithoutSeed",
                 {"replay", "--scenario", "@tiny.scenario"},
                 "--scenario needs --seed N"},
        BadInput{"ReplayFileAndSeed",
                 {"replay", "@churn_spanning_shutdown.aionfail", "--seed", "1"},
                 "not both"},
        BadInput{
            "ReplayExhaustive",
            {"replay", "--scenario", "@tiny.scenario", "--seed", "1", "--strategy", "exhaustive:1"},
            "--strategy exhaustive:1 is for explore"},
        BadInput{"ShrinkWithoutFile", {"shrink"}, "shrink needs a failure file"},
        BadInput{"ExplorePositional",
                 {"explore", "somefile"},
                 "explore takes flags only, not 'somefile'"},
        BadInput{
            "SwitchWithValue", {"explore", "--json=yes"}, "--json is a switch and takes no value"},
        BadInput{
            "ClassesOfNothing", {"classes"}, "classes needs one of --scenario FILE and --shapes"},
        BadInput{"ClassesOfBoth",
                 {"classes", "--shapes", "--scenario", "@tiny.scenario"},
                 "classes needs one of --scenario FILE and --shapes"},
        BadInput{"ClassesZeroRuns",
                 {"classes", "--scenario", "@tiny.scenario", "--runs", "0"},
                 "--runs"},
        BadInput{"ClassesBoundTooBig",
                 {"classes", "--scenario", "@tiny.scenario", "--bound", "65"},
                 "--bound"},
        BadInput{"ClassesMissingScenario",
                 {"classes", "--scenario", "nope.scenario"},
                 "nope.scenario: no such file"},
        BadInput{"ClassesMarkdownAlone",
                 {"classes", "--scenario", "@tiny.scenario", "--markdown"},
                 "--markdown goes with --shapes"}),
    [](const testing::TestParamInfo<BadInput>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace aion::cli_test
