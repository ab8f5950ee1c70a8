// Replays every saved failure in tests/regressions/ and requires what each
// file says it must show now: a fixed bug stays fixed (`expect pass`), a kept
// finding keeps failing the same way; and that its recorded schedule still
// replays, strictly, to its trace hash. Adding a case is dropping in a file.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/engine/replay_strategy.h"
#include "sim/lifecycle/case_runner.h"
#include "sim/lifecycle/failure_file.h"

namespace aion {
namespace {

std::filesystem::path corpus_dir() {
  const char* runfiles = std::getenv("TEST_SRCDIR");
  const char* workspace = std::getenv("TEST_WORKSPACE");
  if (runfiles == nullptr || workspace == nullptr) return "tests/regressions";
  return std::filesystem::path(runfiles) / workspace / "tests/regressions";
}

std::vector<std::filesystem::path> corpus_files() {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(corpus_dir(), error)) {
    if (entry.path().extension() == ".aionfail") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class CorpusCase : public testing::Test {
 public:
  explicit CorpusCase(std::filesystem::path path) : path_(std::move(path)) {}

  void TestBody() override {
    std::ifstream in(path_);
    std::ostringstream text;
    text << in.rdbuf();
    auto parsed = lifecycle::parse_failure(text.str());
    ASSERT_TRUE(std::holds_alternative<lifecycle::FailureFile>(parsed))
        << path_.filename() << ": " << std::get<std::string>(parsed);
    const auto& file = std::get<lifecycle::FailureFile>(parsed);
    lifecycle::CaseRunner runner;
    lifecycle::CaseOptions options;
    options.runtime.defects = file.defects;
    const auto result = runner.run(file.lifecycle_case, options);
    EXPECT_TRUE(file.expect_invariant.empty() ? !result.failed()
                                              : result.breaks(file.expect_invariant))
        << path_.filename() << ": expected "
        << (file.expect_invariant.empty() ? "a pass" : "a failure of " + file.expect_invariant)
        << ", got: " << (result.failed() ? result.headline() : "a pass");
    if (file.schedule.empty()) return;
    // The recording itself must still be the same run, step for step: a
    // runtime change that moves it is a change of build identity, and the
    // corpus is then recorded again.
    sim::ReplayStrategy strict(file.schedule, sim::ReplayMode::kStrict);
    const auto replayed = runner.run_with(file.lifecycle_case, strict, options);
    EXPECT_NE(replayed.run.outcome, sim::Outcome::kDivergence)
        << path_.filename() << ": " << replayed.run.message
        << "; bump lifecycle::kBuildIdentity and record the corpus again";
    EXPECT_EQ(replayed.run.trace_hash, file.trace_hash)
        << path_.filename() << ": the recorded run no longer replays to its trace hash";
  }

 private:
  std::filesystem::path path_;
};

TEST(RegressionCorpus, IsNotEmpty) { EXPECT_FALSE(corpus_files().empty()) << corpus_dir(); }

void register_corpus() {
  for (const auto& path : corpus_files()) {
    testing::RegisterTest("RegressionCorpus", path.stem().c_str(), nullptr, nullptr, __FILE__,
                          __LINE__, [path]() -> testing::Test* { return new CorpusCase(path); });
  }
}

}  // namespace
}  // namespace aion

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  aion::register_corpus();
  return RUN_ALL_TESTS();
}
