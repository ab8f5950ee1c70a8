// Campaigns that lose nothing: code under test that crashes, aborts, overflows its stack or
// spins without a scheduling point costs one run, saved as a failure file, and the campaign
// goes on to its budget (an exhaustive walk to its end); a SIGTERM ends a campaign with every
// finding on disk; --shard parts add up to the whole campaign; a folder that cannot be written is
// refused before any run.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/cli/aionsim_process.h"

namespace aion::cli_test {
namespace {

std::vector<std::string> failure_files(const std::string& dir) {
  std::vector<std::string> files;
  if (!std::filesystem::exists(dir)) return files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".aionfail") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The whole number after `"key": ` in a JSON text, or -1. (No std::regex: GCC 12 warns of it
// under the sanitizers' -O1.)
long long json_number(const std::string& json, const std::string& key) {
  const std::string head = "\"" + key + "\": ";
  const std::size_t at = json.find(head);
  if (at == std::string::npos) return -1;
  const std::size_t start = at + head.size();
  std::size_t end = start;
  while (end < json.size() && std::isdigit(static_cast<unsigned char>(json[end]))) ++end;
  return end == start ? -1 : std::stoll(json.substr(start, end - start));
}

// Every string value of `"key": "..."` in a JSON text.
std::vector<std::string> json_strings(const std::string& json, const std::string& key) {
  const std::string head = "\"" + key + "\": \"";
  std::vector<std::string> values;
  for (std::size_t at = json.find(head); at != std::string::npos; at = json.find(head, at + 1)) {
    const std::size_t start = at + head.size();
    values.push_back(json.substr(start, json.find('"', start) - start));
  }
  return values;
}

struct Death {
  const char* defect;
  // What the replay says of the run's process: one of these, '|' between them (under the
  // sanitizers a wild access or a stack overflow is their report and exit status 1).
  const char* how;
  const char* runs;  // enough for the builtin mix to meet the defect
  // Seconds a run may take: short where a run hangs, generous where a dying process under
  // the sanitizers spends a while on its report and leak check before it exits.
  const char* watchdog;
};

class CodeUnderTestDies : public ::testing::TestWithParam<Death> {};

TEST_P(CodeUnderTestDies, TheRunIsAFindingAndTheCampaignGoesOnToItsBudget) {
  const std::string out = fresh_dir(std::string("dies-") + GetParam().defect);
  const Ran ran =
      run_aionsim({"explore", "--runs", GetParam().runs, "--seed", "1", "--jobs", "2", "--defects",
                   GetParam().defect, "--watchdog", GetParam().watchdog, "--out", out});
  EXPECT_EQ(ran.status, 1) << ran.err;
  EXPECT_NE(ran.out.find("explore: " + std::string(GetParam().runs) + " runs in"),
            std::string::npos)
      << ran.out;
  const std::vector<std::string> files = failure_files(out);
  ASSERT_EQ(files.size(), 1u) << ran.out;
  const std::string invariant =
      std::string(GetParam().defect) == "spin-without-yield" ? "hung" : "crashed";
  EXPECT_EQ(std::filesystem::path(files[0]).filename().string().rfind(invariant + "-", 0), 0u)
      << files[0];
  EXPECT_NE(read_file(out + "/summary.json").find("\"" + invariant + "\": "), std::string::npos);
  // The saved run dies again when replayed, in a child process of the replay, which shows
  // the events up to its last scheduling point before it died.
  const Ran replayed = run_aionsim({"replay", files[0], "--watchdog", GetParam().watchdog});
  EXPECT_EQ(replayed.status, 0) << replayed.out << replayed.err;
  bool said = false;
  std::string ways = GetParam().how;
  for (std::size_t start = 0; start <= ways.size();) {
    const std::size_t end = std::min(ways.find('|', start), ways.size());
    said = said || replayed.out.find(ways.substr(start, end - start)) != std::string::npos;
    start = end + 1;
  }
  EXPECT_TRUE(said) << GetParam().how << " in\n" << replayed.out;
  EXPECT_NE(replayed.out.find("as the file expects"), std::string::npos) << replayed.out;
  const std::string last_point = word_after(replayed.out, "after scheduling point");
  ASSERT_FALSE(last_point.empty()) << replayed.out;
  const std::size_t timeline = replayed.out.find("events before the run's process died");
  ASSERT_NE(timeline, std::string::npos) << replayed.out;
  const std::size_t last_line = replayed.out.rfind("\n#", replayed.out.size() - 2);
  ASSERT_GT(last_line, timeline) << replayed.out;
  EXPECT_EQ(replayed.out.substr(last_line + 2, last_point.size() + 1), last_point + " ")
      << replayed.out;
}

INSTANTIATE_TEST_SUITE_P(
    Isolation, CodeUnderTestDies,
    ::testing::Values(Death{"crash-segfault", "SIGSEGV|runtime error|AddressSanitizer", "150",
                            "20"},
                      Death{"crash-abort", "SIGABRT", "150", "20"},
                      Death{"crash-stack-overflow", "killed by SIG|AddressSanitizer", "2000", "20"},
                      // Each hung run costs the watchdog's time.
                      Death{"spin-without-yield", "watchdog", "20", "0.3"}),
    [](const auto& info) {
      std::string name = info.param.defect;
      std::replace(name.begin(), name.end(), '-', '_');
      return name;
    });

// An exhaustive walk goes on past each run whose process dies, from the decisions that run
// made, to the end of the walk (the engine's test shows it is the same walk).
TEST(Isolation, AnExhaustiveWalkGoesOnPastEveryDeath) {
  const std::string out = fresh_dir("dies-exhaustive");
  const Ran ran = run_aionsim({"explore", "--scenario", testdata("tiny.scenario"), "--strategy",
                               "exhaustive:0", "--defects", "crash-abort", "--runs", "100000",
                               "--watchdog", "20", "--no-shrink", "--json", "--out", out});
  EXPECT_EQ(ran.status, 1) << ran.err;
  EXPECT_NE(ran.err.find("1 of 1 scenarios, every schedule"), std::string::npos) << ran.err;
  EXPECT_NE(ran.err.find("(every schedule within the strategy's bound)"), std::string::npos);
  EXPECT_GT(json_number(ran.out, "crashed"), 1) << ran.out;
  EXPECT_GT(json_number(ran.out, "runs"), json_number(ran.out, "crashed")) << ran.out;
  EXPECT_EQ(failure_files(out).size(), 1u);
}

TEST(Isolation, TheSameBudgetFindsNothingInTheCorrectRuntime) {
  const std::string out = fresh_dir("dies-control");
  const Ran ran = run_aionsim({"explore", "--runs", "2000", "--seed", "1", "--jobs", "2",
                               "--watchdog", "20", "--out", out});
  EXPECT_EQ(ran.status, 0) << ran.out << ran.err;
  EXPECT_TRUE(failure_files(out).empty());
}

TEST(Interrupt, SigtermEndsTheCampaignWithEveryFindingOnDisk) {
  const std::string out = fresh_dir("sigterm");
  const Ran ran = run_aionsim_signalled(
      {"explore", "--runs", "100000000", "--seed", "2", "--jobs", "2", "--defects", "R3,R7",
       "--out", out},
      [&] { return !failure_files(out).empty(); }, SIGTERM);
  EXPECT_EQ(ran.status, 1) << ran.out << ran.err;
  EXPECT_NE(ran.out.find("(interrupted by SIGTERM)"), std::string::npos) << ran.out;
  const std::string summary = read_file(out + "/summary.json");
  EXPECT_NE(summary.find("\"signal\": \"SIGTERM\""), std::string::npos) << summary;
  // Every failure the summary names is on disk, and replays as it expects.
  const std::vector<std::string> named = json_strings(summary, "file");
  for (const std::string& file : named) {
    EXPECT_TRUE(std::filesystem::exists(file)) << file;
    EXPECT_EQ(run_aionsim({"replay", file}).status, 0) << file;
  }
  EXPECT_GE(named.size(), 1u) << summary;
  EXPECT_EQ(named.size(), failure_files(out).size()) << summary;
}

TEST(Shard, ThePartsAreDisjointAndAddUpToTheWholeCampaign) {
  const std::vector<std::string> base = {"explore", "--runs",    "240", "--seed",     "4",
                                         "--json",  "--defects", "R3",  "--no-shrink"};
  auto with = [&](std::vector<std::string> extra, const std::string& dir) {
    std::vector<std::string> args = base;
    extra.push_back("--out");
    extra.push_back(fresh_dir(dir));
    args.insert(args.end(), extra.begin(), extra.end());
    return run_aionsim(args);
  };
  const Ran whole = with({}, "shard-whole");
  ASSERT_EQ(whole.status, 1) << whole.err;
  const std::vector<std::string> keys = {"runs",
                                         "decisions",
                                         "failing_runs",
                                         "never-spawned-refused",
                                         "monitor-raced-exit",
                                         "distinct_classes"};
  std::vector<long long> sums(keys.size(), 0);
  for (int part = 0; part < 3; ++part) {
    const Ran shard =
        with({"--shard", std::to_string(part) + "/3"}, "shard-" + std::to_string(part));
    ASSERT_LE(shard.status, 1) << shard.err;
    EXPECT_NE(shard.err.find("shard " + std::to_string(part) + "/3"), std::string::npos);
    for (std::size_t k = 0; k < keys.size(); ++k) sums[k] += json_number(shard.out, keys[k]);
  }
  for (std::size_t k = 0; k < keys.size(); ++k) {
    EXPECT_EQ(sums[k], json_number(whole.out, keys[k])) << keys[k];
  }
}

TEST(BadOutput, AFolderThatCannotBeWrittenIsRefusedBeforeAnyRun) {
  const std::string blocker = fresh_dir("blocker") + "/a-file";
  std::ofstream(blocker) << "not a folder";
  const Ran ran = run_aionsim({"explore", "--runs", "10", "--out", blocker + "/failures"});
  EXPECT_EQ(ran.status, 2);
  EXPECT_EQ(ran.out, "");
  EXPECT_EQ(std::count(ran.err.begin(), ran.err.end(), '\n'), 1) << ran.err;
  EXPECT_NE(ran.err.find("cannot create it"), std::string::npos) << ran.err;
}

TEST(BadOutput, AShardMustBeAPartOfAWhole) {
  for (const char* shard : {"3/3", "1", "x/2", "0/0", "-1/2"}) {
    const Ran ran = run_aionsim({"explore", "--runs", "10", "--shard", shard});
    EXPECT_EQ(ran.status, 2) << shard;
    EXPECT_EQ(std::count(ran.err.begin(), ran.err.end(), '\n'), 1) << ran.err;
    EXPECT_NE(ran.err.find("--shard"), std::string::npos) << ran.err;
  }
}

}  // namespace
}  // namespace aion::cli_test
