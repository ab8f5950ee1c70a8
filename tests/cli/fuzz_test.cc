// aionsim fuzz and decode through the real binary: the corpus is written, replays, is the
// same for the same seed with one job, and resumes; a planted defect is found and the same
// budget finds nothing in the correct runtime; bad input is refused before any work; --plot
// draws both campaigns; decode turns a fuzzer's input into a failure file that replays; a crash
// of the code under test leaves the case it ran on disk.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/cli/aionsim_process.h"

namespace aion::cli_test {
namespace {

std::vector<std::string> corpus_files(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

Ran fuzz(const std::string& corpus, const std::string& out, const std::string& runs,
         std::vector<std::string> more = {}, const std::string& seed = "7") {
  std::vector<std::string> args = {"fuzz", "--corpus", corpus, "--out",  out, "--runs",
                                   runs,   "--seed",   seed,   "--jobs", "1"};
  args.insert(args.end(), more.begin(), more.end());
  return run_aionsim(args);
}

nlohmann::json summary(const std::string& out) {
  return nlohmann::json::parse(read_file(out + "/fuzz-summary.json"));
}

TEST(Fuzz, WritesACorpusThatReplaysAndIsTheSameForTheSameSeed) {
  const std::string a = fresh_dir("corpus-a"), b = fresh_dir("corpus-b");
  const Ran first = fuzz(a, fresh_dir("out-a"), "1500");
  ASSERT_EQ(first.status, 0) << first.err;
  EXPECT_NE(first.out.find("features"), std::string::npos) << first.out;
  const auto files = corpus_files(a);
  ASSERT_GT(files.size(), 5u);
  const Ran second = fuzz(b, fresh_dir("out-b"), "1500");
  ASSERT_EQ(second.status, 0) << second.err;
  EXPECT_EQ(corpus_files(b), files);
  for (std::size_t i = 0; i < files.size(); i += files.size() / 3) {
    const Ran replay = run_aionsim({"replay", a + "/" + files[i]});
    EXPECT_EQ(replay.status, 0) << files[i] << "\n" << replay.out << replay.err;
  }
}

TEST(Fuzz, ResumesFromItsCorpus) {
  const std::string corpus = fresh_dir("corpus"), out = fresh_dir("out");
  ASSERT_EQ(fuzz(corpus, out, "800").status, 0);
  const auto before = corpus_files(corpus).size();
  const std::uint64_t features = summary(out)["features"];
  const Ran again = fuzz(corpus, out, "800", {}, "8");
  ASSERT_EQ(again.status, 0) << again.err;
  const nlohmann::json resumed = summary(out);
  EXPECT_EQ(resumed["loaded"], before);
  EXPECT_GE(resumed["features"].get<std::uint64_t>(), features);
  EXPECT_GE(corpus_files(corpus).size(), before);
  EXPECT_NE(again.out.find(std::to_string(before) + " from earlier campaigns"), std::string::npos)
      << again.out;
}

TEST(Fuzz, FindsAPlantedDefectAndNothingWithoutIt) {
  const std::string out = fresh_dir("out-defect");
  const Ran planted = fuzz(fresh_dir("corpus-defect"), out, "6000", {"--defects", "R6"});
  EXPECT_EQ(planted.status, 1) << planted.out << planted.err;
  const nlohmann::json found = summary(out);
  ASSERT_FALSE(found["failures"].empty()) << planted.out;
  const std::string file = found["failures"][0]["file"];
  EXPECT_EQ(run_aionsim({"replay", file}).status, 0);

  const Ran correct = fuzz(fresh_dir("corpus-correct"), fresh_dir("out-correct"), "6000");
  EXPECT_EQ(correct.status, 0) << correct.out << correct.err;
  EXPECT_NE(correct.out.find("findings: none"), std::string::npos) << correct.out;
}

TEST(Fuzz, ACrashOfTheCodeUnderTestLeavesTheCaseItRanOnDisk) {
  const std::string out = fresh_dir("out-crash");
  const Ran crashed = fuzz(fresh_dir("corpus-crash"), out, "2000", {"--defects", "crash-abort"});
  EXPECT_EQ(crashed.status, 128 + SIGABRT) << crashed.out << crashed.err;
  const std::string file = out + "/crashed-worker0.aionfail";
  EXPECT_NE(crashed.err.find("the run is in " + file), std::string::npos) << crashed.err;
  const Ran replayed = run_aionsim({"replay", file});
  EXPECT_EQ(replayed.status, 0) << replayed.out << replayed.err;
  EXPECT_NE(replayed.out.find("as the file expects (a failure of crashed)"), std::string::npos)
      << replayed.out;
}

// The corpus runs again before the campaign goes on, on every job: the runtime may have
// changed since, and a case that now crashes it is left on disk as the campaign's runs are.
TEST(Fuzz, ACorpusCaseThatCrashesWhenResumedLeavesItsCaseOnDisk) {
  const std::string corpus = fresh_dir("corpus-crash-on-load"), out = fresh_dir("out-crash-load");
  ASSERT_EQ(fuzz(corpus, fresh_dir("out-before-crash"), "2000").status, 0);
  const Ran crashed = run_aionsim({"fuzz", "--corpus", corpus, "--out", out, "--runs", "1",
                                   "--jobs", "2", "--defects", "crash-abort"});
  EXPECT_EQ(crashed.status, 128 + SIGABRT) << crashed.out << crashed.err;
  // Both jobs may have crashed at once, each on its own case: each is written whole.
  std::vector<std::string> left;
  for (const std::string& name : corpus_files(out)) {
    if (name.ends_with(".aionfail")) left.push_back(name);
  }
  ASSERT_FALSE(left.empty());
  for (const std::string& name : left) {
    EXPECT_NE(crashed.err.find("the run is in " + out + "/" + name), std::string::npos) << name;
    const Ran replayed = run_aionsim({"replay", out + "/" + name});
    EXPECT_EQ(replayed.status, 0) << name << "\n" << replayed.out << replayed.err;
    EXPECT_NE(replayed.out.find("as the file expects (a failure of crashed)"), std::string::npos)
        << replayed.out;
  }
}

TEST(Fuzz, ARunPastTheWatchdogLeavesItsCaseOnDiskAsHung) {
  const std::string out = fresh_dir("out-hung");
  const Ran hung = fuzz(fresh_dir("corpus-hung"), out, "3000",
                        {"--defects", "spin-without-yield", "--watchdog", "0.5"});
  EXPECT_EQ(hung.status, 1) << hung.out << hung.err;
  const std::string file = out + "/hung-worker0.aionfail";
  EXPECT_NE(hung.err.find("the run is in " + file), std::string::npos) << hung.err;
  const Ran replayed = run_aionsim({"replay", "--watchdog", "0.5", file});
  EXPECT_EQ(replayed.status, 0) << replayed.out << replayed.err;
  EXPECT_NE(replayed.out.find("as the file expects (a failure of hung)"), std::string::npos)
      << replayed.out;
}

TEST(Fuzz, RefusesBadInputBeforeAnyWork) {
  const std::string corpus = fresh_dir("corpus-bad");
  std::ofstream(corpus + "/0000000000000000.aioncase") << "aion-failure 2\nnot a case\n";
  const std::string out = fresh_dir("out-bad");
  const Ran bad = fuzz(corpus, out, "10");
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("0000000000000000.aioncase"), std::string::npos) << bad.err;
  EXPECT_FALSE(std::filesystem::exists(out + "/fuzz-summary.json"));
  EXPECT_EQ(run_aionsim({"fuzz", "--runs", "10"}).status, 2);
  EXPECT_EQ(run_aionsim({"fuzz", "--blind", "--plot", out + "/p.svg"}).status, 2);
  EXPECT_EQ(run_aionsim({"fuzz", "--corpus", corpus, "--runs", "0"}).status, 2);
  EXPECT_EQ(run_aionsim({"fuzz", "--corpus", corpus, "--shard", "3/2"}).status, 2);
}

TEST(Fuzz, PlotsGuidedAgainstBlind) {
  const std::string out = fresh_dir("out-plot");
  const Ran ran = fuzz(fresh_dir("corpus-plot"), out, "600", {"--plot", out + "/plot.svg"});
  ASSERT_EQ(ran.status, 0) << ran.err;
  const std::string svg = read_file(out + "/plot.svg");
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("guided"), std::string::npos);
  EXPECT_NE(svg.find("blind"), std::string::npos);
}

TEST(Decode, TurnsAFuzzerInputIntoAFailureFileThatReplays) {
  const std::string dir = fresh_dir("decode");
  std::ofstream(dir + "/input", std::ios::binary) << std::string(
      "\x07\x01\x02\x03\x04\x05\x06\x07"
      "\x10\x22\x31\x47\x02\x01\x03",
      15);
  const Ran ran = run_aionsim({"decode", dir + "/input", "--out", dir + "/case.aionfail"});
  ASSERT_EQ(ran.status, 0) << ran.out << ran.err;
  const Ran replay = run_aionsim({"replay", dir + "/case.aionfail"});
  EXPECT_EQ(replay.status, 0) << replay.out << replay.err;
  EXPECT_EQ(run_aionsim({"decode", dir + "/missing"}).status, 2);
}

}  // namespace
}  // namespace aion::cli_test
