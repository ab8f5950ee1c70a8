// aionsim merge: the shards of a campaign, merged, report what the campaign run whole reports
// (counts, distinct interleavings as a union, the earliest finding of each invariant and its
// file), in one step or in several; folders that are not parts of one campaign are refused.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/cli/aionsim_process.h"

namespace aion::cli_test {
namespace {

using Json = nlohmann::json;

// A summary with what depends on where and how fast it ran taken out: timing, the folders
// merged, and the folders the files are in (their names stay); and when the last new class
// came, which the shards' hash sets cannot tell.
Json comparable(const std::string& summary) {
  Json json = Json::parse(summary);
  json.erase("timing");
  json.erase("last_new_class");
  json.erase("merged_from");
  json.erase("other_cases");
  for (Json& failure : json["failures"]) {
    failure["file"] = std::filesystem::path(failure["file"].get<std::string>()).filename();
    failure.erase("replay");
  }
  return json;
}

struct Campaign {
  std::vector<std::string> args;

  Ran explore(const std::string& dir, const std::string& shard = "") const {
    std::vector<std::string> all = {"explore", "--jobs", "2", "--out", dir};
    all.insert(all.end(), args.begin(), args.end());
    if (!shard.empty()) {
      all.push_back("--shard");
      all.push_back(shard);
    }
    return run_aionsim(all);
  }
};

Ran merge(std::vector<std::string> dirs, const std::string& out) {
  std::vector<std::string> args = {"merge", "--out", out};
  args.insert(args.end(), dirs.begin(), dirs.end());
  return run_aionsim(args);
}

std::string summary_of(const std::string& dir) { return read_file(dir + "/summary.json"); }

TEST(Merge, ShardsMergedReportWhatTheWholeCampaignReports) {
  const Campaign campaign{{"--runs", "300", "--seed", "4", "--defects", "R3,R7"}};
  const std::string whole = fresh_dir("whole");
  ASSERT_EQ(campaign.explore(whole).status, 1);
  std::vector<std::string> parts;
  for (int i = 0; i < 3; ++i) {
    parts.push_back(fresh_dir("part-" + std::to_string(i)));
    ASSERT_LE(campaign.explore(parts.back(), std::to_string(i) + "/3").status, 1);
  }
  const std::string merged = fresh_dir("merged");
  const Ran ran = merge(parts, merged);
  ASSERT_EQ(ran.status, 1) << ran.err;
  EXPECT_EQ(comparable(summary_of(merged)), comparable(summary_of(whole)));
  // Each failure's file is there, and replays as it expects.
  const Json merged_summary = Json::parse(summary_of(merged));
  for (const Json& failure : merged_summary["failures"]) {
    const std::string file = failure["file"].get<std::string>();
    EXPECT_EQ(file.rfind(merged, 0), 0u) << file;
    EXPECT_EQ(read_file(file),
              read_file(whole + "/" + std::filesystem::path(file).filename().string()));
    EXPECT_EQ(run_aionsim({"replay", file}).status, 0) << file;
  }
  EXPECT_NE(ran.out.find("merged from:   3 folders"), std::string::npos) << ran.out;
}

TEST(Merge, PartsMergedInStepsAreTheSameAsAtOnce) {
  const Campaign campaign{{"--runs", "200", "--seed", "11", "--defects", "R7"}};
  std::vector<std::string> parts;
  for (int i = 0; i < 3; ++i) {
    parts.push_back(fresh_dir("step-part-" + std::to_string(i)));
    ASSERT_LE(campaign.explore(parts.back(), std::to_string(i) + "/3").status, 1);
  }
  const std::string first_two = fresh_dir("first-two");
  const Ran partial = merge({parts[2], parts[0]}, first_two);
  ASSERT_LE(partial.status, 1) << partial.err;
  EXPECT_NE(partial.out.find("shards 0,2 of 3"), std::string::npos) << partial.out;
  const std::string stepwise = fresh_dir("stepwise");
  ASSERT_LE(merge({first_two, parts[1]}, stepwise).status, 1);
  const std::string at_once = fresh_dir("at-once");
  ASSERT_LE(merge(parts, at_once).status, 1);
  EXPECT_EQ(comparable(summary_of(stepwise)), comparable(summary_of(at_once)));
}

// A small scenario under PCT of depth 1 repeats its interleavings: the shards share some, and the
// merged count is their union, as the whole campaign counts it, not their sum.
TEST(Merge, DistinctInterleavingsAreTheUnionOfTheShards) {
  const Campaign campaign{{"--runs", "400", "--seed", "2", "--strategy", "pct:1", "--scenario",
                           testdata("tiny.scenario")}};
  const std::string whole = fresh_dir("tiny-whole");
  ASSERT_EQ(campaign.explore(whole).status, 0);
  std::vector<std::string> parts;
  std::uint64_t sum = 0;
  for (int i = 0; i < 2; ++i) {
    parts.push_back(fresh_dir("tiny-part-" + std::to_string(i)));
    ASSERT_EQ(campaign.explore(parts.back(), std::to_string(i) + "/2").status, 0);
    sum += Json::parse(summary_of(parts.back()))["distinct_classes"].get<std::uint64_t>();
  }
  const std::string merged = fresh_dir("tiny-merged");
  ASSERT_EQ(merge(parts, merged).status, 0);
  const auto whole_count = Json::parse(summary_of(whole))["distinct_classes"];
  EXPECT_EQ(Json::parse(summary_of(merged))["distinct_classes"], whole_count);
  EXPECT_LT(whole_count.get<std::uint64_t>(), sum);
}

// One line on stderr, exit 2, and nothing written.
void expect_refused(const Ran& ran, const std::string& words, const std::string& out) {
  EXPECT_EQ(ran.status, 2) << ran.err;
  EXPECT_EQ(std::count(ran.err.begin(), ran.err.end(), '\n'), 1) << ran.err;
  EXPECT_NE(ran.err.find(words), std::string::npos) << ran.err;
  EXPECT_FALSE(std::filesystem::exists(out + "/summary.json")) << out;
}

TEST(Merge, FoldersThatAreNotPartsOfOneCampaignAreRefused) {
  const Campaign campaign{{"--runs", "40", "--seed", "5"}};
  const std::string a = fresh_dir("bad-a"), b = fresh_dir("bad-b");
  ASSERT_EQ(campaign.explore(a, "0/2").status, 0);
  ASSERT_EQ(campaign.explore(b, "1/2").status, 0);
  const std::string other_seed = fresh_dir("bad-seed");
  ASSERT_EQ((Campaign{{"--runs", "40", "--seed", "6"}}).explore(other_seed, "1/2").status, 0);
  const std::string out = fresh_dir("bad-out") + "/merged";

  expect_refused(merge({a, a}, out), "both cover shard 0 of 2", out);
  expect_refused(merge({a, other_seed}, out), "seed 6", out);
  expect_refused(merge({a, fresh_dir("empty")}, out), "summary.json: no such file", out);
  expect_refused(merge({a, b}, a), "is one of the folders merged", a + "/none");
  expect_refused(run_aionsim({"merge", "--out", out}), "takes the folders", out);

  // Cut short or changed: the interleavings, the summary, a failure file it names.
  const std::string cut = fresh_dir("bad-cut");
  std::filesystem::copy(b, cut, std::filesystem::copy_options::recursive);
  const std::string hashes = read_file(cut + "/classes.bin");
  std::ofstream(cut + "/classes.bin", std::ios::binary) << hashes.substr(0, hashes.size() / 2);
  expect_refused(merge({a, cut}, out), "classes.bin: the file is cut short", out);
  std::ofstream(cut + "/classes.bin", std::ios::binary) << hashes;
  const std::string summary = summary_of(cut);
  std::ofstream(cut + "/summary.json") << summary.substr(0, summary.size() / 2);
  expect_refused(merge({a, cut}, out), "summary.json: not a summary explore wrote", out);
  // A campaign still running (or killed) says so in its summary, and is not merged as whole.
  std::string running = summary;
  const std::string stopped = "\"stopped_by\": \"runs\"";
  ASSERT_NE(running.find(stopped), std::string::npos) << running;
  running.replace(running.find(stopped), stopped.size(), "\"stopped_by\": \"running\"");
  std::ofstream(cut + "/summary.json") << running;
  expect_refused(merge({a, cut}, out), "its campaign has not ended", out);
  std::ofstream(cut + "/summary.json") << summary;
  ASSERT_LE(merge({a, cut}, out).status, 1);
}

TEST(Merge, AFailureFileTheSummaryNamesMustBeThere) {
  const Campaign campaign{{"--runs", "100", "--seed", "4", "--defects", "R3", "--no-shrink"}};
  const std::string a = fresh_dir("lost-a");
  ASSERT_EQ(campaign.explore(a, "0/2").status, 1);
  const Json summary = Json::parse(summary_of(a));
  ASSERT_FALSE(summary["failures"].empty());
  const std::string name =
      std::filesystem::path(summary["failures"][0]["file"].get<std::string>()).filename().string();
  std::filesystem::remove(a + "/" + name);
  const std::string out = fresh_dir("lost-out") + "/merged";
  expect_refused(merge({a}, out), name + ": no such file", out);
}

}  // namespace
}  // namespace aion::cli_test
