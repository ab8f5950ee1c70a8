// Parser fuzzing through the real binary: thousands of mutated failure files, scenario
// scripts and campaign folders for merge (byte flips, truncations, deleted and repeated lines, huge
// numbers, garbage) must each end in exit 0, 1 or 2, never a signal, and a refusal (exit 2) must be
// one line. The mutations come from a fixed seed, so a failure names the mutated file and replays
// as is.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "sim/engine/sealed_text.h"
#include "sim/lifecycle/failure_file.h"
#include "tests/cli/aionsim_process.h"

namespace aion::cli_test {
namespace {

constexpr int kFailureFileMutants = 1200;
constexpr int kScriptMutants = 600;
constexpr int kSummaryMutants = 300;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end == std::string::npos ? end : end - start + 1));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line;
  return text;
}

// One to three mutations of `text`.
std::string mutate(std::string text, std::mt19937_64& random) {
  const auto below = [&](std::size_t n) { return n == 0 ? 0 : random() % n; };
  static const std::vector<std::string> kHuge = {"18446744073709551616",
                                                 "99999999999999999999999999",
                                                 "-1",
                                                 "4294967296",
                                                 "0x10",
                                                 "1e308",
                                                 "",
                                                 " ",
                                                 "\t",
                                                 "p18446744073709551615"};
  const int mutations = 1 + static_cast<int>(below(3));
  for (int m = 0; m < mutations && !text.empty(); ++m) {
    std::vector<std::string> lines = lines_of(text);
    switch (below(7)) {
      case 0:  // a byte flipped
        text[below(text.size())] ^= static_cast<char>(1 << below(8));
        break;
      case 1:  // cut anywhere
        text.resize(below(text.size()));
        break;
      case 2:  // a line deleted
        lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(below(lines.size())));
        text = joined(lines);
        break;
      case 3:  // a line repeated
        lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(below(lines.size())),
                     lines[below(lines.size())]);
        text = joined(lines);
        break;
      case 4: {  // a number made huge, or not a number
        std::size_t at = below(text.size());
        while (at < text.size() && !std::isdigit(static_cast<unsigned char>(text[at]))) ++at;
        std::size_t end = at;
        while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
        text.replace(at, end - at, kHuge[below(kHuge.size())]);
        break;
      }
      case 5: {  // garbage bytes
        std::string garbage(1 + below(16), '\0');
        for (char& c : garbage) c = static_cast<char>(random());
        text.insert(below(text.size()), garbage);
        break;
      }
      default: {  // two lines swapped
        if (lines.size() < 2) break;
        std::swap(lines[below(lines.size())], lines[below(lines.size())]);
        text = joined(lines);
        break;
      }
    }
  }
  return text;
}

// The exit status, after checking the process survived the input.
int expect_survives(const std::vector<std::string>& args, const std::string& path) {
  const Ran ran = run_aionsim(args);
  if (ran.status > 2) {
    ADD_FAILURE() << path << " ended the process: status " << ran.status << "\n" << ran.err;
    return ran.status;
  }
  if (ran.status == 2) {
    EXPECT_EQ(std::count(ran.err.begin(), ran.err.end(), '\n'), 1) << path << "\n" << ran.err;
    EXPECT_EQ(ran.err.rfind("aionsim: ", 0), 0u) << path << "\n" << ran.err;
  }
  return ran.status;
}

// Without its end line, so that a mutant can be sealed again and reach the parser behind
// the checksum.
std::string body_of(const std::string& text) {
  const std::size_t end = text.rfind("end ");
  return end == std::string::npos ? text : text.substr(0, end);
}

TEST(ParserFuzz, MutatedFailureFilesAreReadOrRefusedInOneLine) {
  std::vector<std::string> seeds;
  for (const std::string& path : regression_corpus()) seeds.push_back(read_file(path));
  for (const char* name : {"long_run.aionfail", "diverged.aionfail", "verdict_mismatch.aionfail"}) {
    seeds.push_back(read_file(testdata(name)));
  }
  std::mt19937_64 random(20261202);
  const std::string dir = fresh_dir("fuzz-failures");
  int read = 0;
  for (int i = 0; i < kFailureFileMutants; ++i) {
    const std::string path = dir + "/mutant-" + std::to_string(i) + ".aionfail";
    const std::string& seed = seeds[random() % seeds.size()];
    // Half of them sealed again after the mutation, or the checksum alone would refuse them.
    const std::string text =
        i % 2 == 0 ? mutate(seed, random) : sim::seal_text(mutate(body_of(seed), random));
    std::ofstream(path, std::ios::binary) << text;
    const int status = expect_survives({"replay", path}, path);
    if (HasFailure()) return;
    if (status != 2) ++read;
  }
  // The mutants reach past the parser too, where a run judges them.
  EXPECT_GT(read, kFailureFileMutants / 20);
}

TEST(ParserFuzz, MutatedScenarioScriptsAreReadOrRefusedInOneLine) {
  std::vector<std::string> seeds = {read_file(testdata("tiny.scenario"))};
  for (const std::string& path : regression_corpus()) {
    const std::string text = read_file(path);
    const std::size_t at = text.find("\nscenario\n");
    const std::size_t end = text.rfind("\nend ");
    if (at != std::string::npos && end != std::string::npos && end > at) {
      seeds.push_back(text.substr(at + 10, end - at - 9));
    }
  }
  std::mt19937_64 random(20261203);
  int read = 0;
  const std::string dir = fresh_dir("fuzz-scripts");
  for (int i = 0; i < kScriptMutants; ++i) {
    const std::string path = dir + "/mutant-" + std::to_string(i) + ".scenario";
    std::ofstream(path, std::ios::binary) << mutate(seeds[random() % seeds.size()], random);
    const int status = expect_survives({"replay", "--scenario", path, "--seed", "1"}, path);
    if (HasFailure()) return;
    if (status != 2) ++read;
  }
  EXPECT_GT(read, kScriptMutants / 20);
}

// What merge reads: an explore folder's summary.json and its sealed classes.bin.
TEST(ParserFuzz, MutatedCampaignFoldersAreMergedOrRefusedInOneLine) {
  const std::string original = fresh_dir("fuzz-campaign");
  const Ran explored = run_aionsim({"explore", "--runs", "60", "--seed", "4", "--defects", "R3",
                                    "--no-shrink", "--out", original});
  ASSERT_EQ(explored.status, 1) << explored.err;
  const std::string summary = read_file(original + "/summary.json");
  const std::string hashes = read_file(original + "/classes.bin");
  std::mt19937_64 random(20261204);
  const std::string dir = fresh_dir("fuzz-merge");
  int merged = 0;
  for (int i = 0; i < kSummaryMutants; ++i) {
    const std::string folder = dir + "/mutant-" + std::to_string(i);
    std::filesystem::copy(original, folder, std::filesystem::copy_options::recursive);
    if (i % 3 == 0) {
      const std::string text =
          i % 2 == 0 ? mutate(hashes, random) : sim::seal_text(mutate(body_of(hashes), random));
      std::ofstream(folder + "/classes.bin", std::ios::binary) << text;
    } else {
      std::ofstream(folder + "/summary.json", std::ios::binary) << mutate(summary, random);
    }
    const int status = expect_survives({"merge", folder, "--out", folder + "-merged"}, folder);
    if (HasFailure()) return;
    if (status != 2) ++merged;
  }
  EXPECT_GT(merged, kSummaryMutants / 50);
}

}  // namespace
}  // namespace aion::cli_test
