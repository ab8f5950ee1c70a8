// aionsim explore through the real binary: summaries, JSON, the same results
// for any --jobs, exhaustive walks, and failures saved as replayable files.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/cli/aionsim_process.h"

namespace aion::cli_test {
namespace {

// The JSON summary without its "timing" object (the last member): what must
// not depend on --jobs or on the machine's speed.
std::string without_timing(const std::string& json) {
  const auto timing = json.find("\"timing\"");
  return timing == std::string::npos ? json : json.substr(0, timing);
}

TEST(Explore, SmallCampaignPassesAndSummarises) {
  const std::string out = fresh_dir("summary");
  const Ran ran = run_aionsim(
      {"explore", "--runs", "40", "--jobs", "2", "--seed", "5", "--out", out + "/failures"});
  EXPECT_EQ(ran.status, 0) << ran.err;
  EXPECT_NE(ran.out.find("explore: 40 runs in"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("runs/s"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("decisions/s"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("builtin mix, strategy random, seed 5"), std::string::npos) << ran.out;
  EXPECT_EQ(word_after(ran.out, "classes:"), "40") << ran.out;
  EXPECT_NE(ran.out.find(" of 10 marks reached"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("failures:      none"), std::string::npos) << ran.out;
  // Nothing failed, so the folder holds the summary alone, and the trace hashes it counts.
  std::vector<std::string> written;
  for (const auto& entry : std::filesystem::directory_iterator(out + "/failures")) {
    written.push_back(entry.path().filename().string());
  }
  std::sort(written.begin(), written.end());
  EXPECT_EQ(written, (std::vector<std::string>{"classes.bin", "summary.json"}));
  EXPECT_NE(read_file(out + "/failures/summary.json").find("\"failures\": []"), std::string::npos);
}

TEST(Explore, JsonSummaryHasItsKeysOnStdout) {
  const Ran ran = run_aionsim({"explore", "--runs", "25", "--seed", "8", "--json"});
  EXPECT_EQ(ran.status, 0) << ran.err;
  for (const char* key :
       {"\"command\": \"explore\"", "\"runs\": 25", "\"seed\": 8", "\"strategy\": \"random\"",
        "\"decisions\": ", "\"distinct_classes\": ", "\"coverage\": {", "\"reached\": ",
        "\"total\": 10", "\"monitor-raced-exit\": ", "\"failing_runs\": 0", "\"failures\": []",
        "\"timing\": {", "\"runs_per_second\": ", "\"decisions_per_second\": "}) {
    EXPECT_NE(ran.out.find(key), std::string::npos) << key << " in\n" << ran.out;
  }
  EXPECT_EQ(ran.out.front(), '{');
  EXPECT_EQ(ran.out.substr(ran.out.size() - 2), "}\n");
  // The person's summary moves to stderr.
  EXPECT_NE(ran.err.find("explore: 25 runs"), std::string::npos) << ran.err;
}

class SameForAnyJobs : public testing::TestWithParam<const char*> {};

TEST_P(SameForAnyJobs, JsonMinusTimingIsIdentical) {
  const std::vector<std::string> args = {"explore", "--runs",     "150",      "--seed",
                                         "99",      "--strategy", GetParam(), "--json"};
  auto with_jobs = [&](const char* jobs) {
    std::vector<std::string> all = args;
    all.insert(all.end(), {"--jobs", jobs});
    return run_aionsim(all);
  };
  const Ran one = with_jobs("1");
  const Ran two = with_jobs("2");
  const Ran three = with_jobs("3");
  ASSERT_EQ(one.status, 0) << one.err;
  ASSERT_EQ(two.status, 0) << two.err;
  ASSERT_EQ(three.status, 0) << three.err;
  EXPECT_EQ(without_timing(one.out), without_timing(two.out));
  EXPECT_EQ(without_timing(one.out), without_timing(three.out));
  EXPECT_NE(one.out.find("\"runs\": 150"), std::string::npos) << one.out;
}

INSTANTIATE_TEST_SUITE_P(Strategies, SameForAnyJobs,
                         testing::Values("random", "pct:3", "generated", "exhaustive:0"));

TEST(Explore, ExhaustiveWalksATinyScenarioCompletely) {
  const Ran ran = run_aionsim({"explore", "--scenario", testdata("tiny.scenario"), "--strategy",
                               "exhaustive:1", "--runs", "1000000", "--json"});
  EXPECT_EQ(ran.status, 0) << ran.err;
  EXPECT_NE(ran.out.find("\"stopped_by\": \"exhausted\""), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("\"covered\": 1"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("\"warning\": \"\""), std::string::npos) << ran.out;
}

TEST(Explore, SavesEachDistinctFailureAsAReplayableFile) {
  const std::string out = fresh_dir("found");
  const Ran ran = run_aionsim({"explore", "--scenario", testdata("long_run.aionfail"), "--runs",
                               "2", "--jobs", "2", "--seed", "1", "--no-shrink", "--out", out});
  EXPECT_EQ(ran.status, 1) << ran.err;
  EXPECT_NE(ran.out.find("1 broken invariant in 2 failing runs"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("long-run (run 0): long run: the run was still making progress"),
            std::string::npos)
      << ran.out;
  // A long run is not a livelock: the summary says what budget lets it finish.
  EXPECT_NE(ran.out.find("scheduling points: explore it with --max-steps "), std::string::npos)
      << ran.out;
  const std::string file = word_after(ran.out, "file:");
  EXPECT_EQ(file.rfind(out + "/long-run-", 0), 0u) << ran.out;
  EXPECT_NE(ran.out.find("replay: aionsim replay " + file), std::string::npos) << ran.out;
  ASSERT_TRUE(std::filesystem::exists(file));
  EXPECT_NE(read_file(file).find("expect failure long-run"), std::string::npos);

  const Ran replayed = run_aionsim({"replay", file});
  EXPECT_EQ(replayed.status, 0) << replayed.err;
  EXPECT_NE(replayed.out.find(", as recorded"), std::string::npos);
  EXPECT_NE(replayed.out.find("as the file expects (a failure of long-run)"), std::string::npos);

  // With the budget it suggests, the same campaign passes.
  const std::string budget = word_after(ran.out, "--max-steps");
  const Ran again = run_aionsim({"explore", "--scenario", testdata("long_run.aionfail"), "--runs",
                                 "1", "--seed", "1", "--max-steps", budget, "--out", out + "/2"});
  EXPECT_EQ(again.status, 0) << again.out;
}

// Every case run twice: a runtime that keeps state across instances is caught,
// with the first event where the two runs part, and the saved file shows it again.
TEST(Explore, CheckDeterminismNamesTheFirstEventWhereTwoRunsPart) {
  const std::string out = fresh_dir("nondeterministic");
  const Ran clean = run_aionsim(
      {"explore", "--runs", "30", "--seed", "4", "--check-determinism", "--out", out + "/clean"});
  EXPECT_EQ(clean.status, 0) << clean.out;
  EXPECT_NE(clean.out.find("determinism:   30 runs run twice, each the same both times"),
            std::string::npos)
      << clean.out;
  const Ran ran = run_aionsim({"explore", "--defects", "nondeterministic", "--runs", "30", "--seed",
                               "4", "--check-determinism", "--out", out + "/found"});
  EXPECT_EQ(ran.status, 1) << ran.err;
  EXPECT_NE(ran.out.find("): the same case ran twice and the runs parted"), std::string::npos)
      << ran.out;
  EXPECT_NE(ran.out.find("first run:"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("second run:"), std::string::npos) << ran.out;
  const std::string file = word_after(ran.out, "file:");
  ASSERT_TRUE(std::filesystem::exists(file)) << ran.out;
  const Ran replayed = run_aionsim({"replay", file});
  EXPECT_EQ(replayed.status, 0) << replayed.out;
  EXPECT_NE(replayed.out.find("as the file expects (a failure of deterministic)"),
            std::string::npos)
      << replayed.out;
}

// A planted race class is found by a plain campaign, shrunk, and saved with
// its defect, so that the file replays against the same defective runtime.
TEST(Explore, FindsAPlantedRaceAndSavesItWithItsDefect) {
  const std::string out = fresh_dir("planted");
  const Ran ran = run_aionsim(
      {"explore", "--defects", "R3", "--runs", "300", "--jobs", "2", "--seed", "3", "--out", out});
  EXPECT_EQ(ran.status, 1) << ran.err;
  EXPECT_NE(ran.out.find("defects R3 switched on"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("no-retention-after-exit"), std::string::npos) << ran.out;
  const std::string file = word_after(ran.out, "file:");
  ASSERT_TRUE(std::filesystem::exists(file)) << ran.out;
  EXPECT_NE(read_file(file).find("\ndefects R3\n"), std::string::npos);
  const Ran replayed = run_aionsim({"replay", file});
  EXPECT_EQ(replayed.status, 0) << replayed.out;
  EXPECT_NE(replayed.out.find("as the file expects (a failure of no-retention-after-exit)"),
            std::string::npos)
      << replayed.out;
}

}  // namespace
}  // namespace aion::cli_test

namespace aion::cli_test {
namespace {

// pct:D learns its K from the first scenarios before the campaign, the same K for any --jobs and
// any shard, and the summary names it.
TEST(Explore, PctLearnsItsKOnceForTheWholeCampaign) {
  std::string strategy;
  for (const std::vector<std::string>& how :
       {std::vector<std::string>{"--jobs", "1"}, std::vector<std::string>{"--jobs", "2"},
        std::vector<std::string>{"--jobs", "1", "--shard", "1/3"}}) {
    std::vector<std::string> args = {"explore", "--strategy", "pct:2",  "--runs", "24",
                                     "--seed",  "5",          "--json", "--out",  fresh_dir("pct")};
    args.insert(args.end(), how.begin(), how.end());
    const Ran ran = run_aionsim(args);
    ASSERT_EQ(ran.status, 0) << ran.err;
    EXPECT_NE(ran.out.find("\"calibrated_from\": \"pct:2\""), std::string::npos) << ran.out;
    EXPECT_NE(ran.err.find("calibrated:    pct:2 became pct:2:"), std::string::npos) << ran.err;
    const std::string used = word_after(ran.out, "\"strategy\":");
    EXPECT_EQ(used.rfind("\"pct:2:", 0), 0u) << used;
    if (strategy.empty()) strategy = used;
    EXPECT_EQ(used, strategy);
  }
}

}  // namespace
}  // namespace aion::cli_test
