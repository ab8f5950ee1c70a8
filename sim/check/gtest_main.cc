// main() for GoogleTest binaries of AION_SIM_TEST tests: aion::sim::check's options as flags,
// so that a failure replays and draws through the test binary:
//
//   bazel run //my:test -- --aion_replay=FILE --aion_html=PAGE --aion_perfetto=JSON
//   bazel run //my:test -- --aion_shrink=FILE
//
// Each --aion_NAME=VALUE becomes the environment variable AION_NAME that check reads (a flag
// over the environment); relative paths are taken from where `bazel run` was called. With
// --aion_replay or --aion_shrink and no --gtest_filter, only the test the file names runs. A flag
// it does not know, a flag without a value, or a failure file that cannot be read is one line and
// exit 2, before any test runs.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/check/check_file.h"

namespace {

struct Flag {
  const char* name;  // after --aion_
  const char* variable;
  bool path;
};

constexpr std::array<Flag, 7> kFlags = {{
    {"replay", "AION_REPLAY", true},
    {"shrink", "AION_SHRINK", true},
    {"html", "AION_HTML", true},
    {"perfetto", "AION_PERFETTO", true},
    {"seed", "AION_SEED", false},
    {"runs", "AION_RUNS", false},
    {"strategy", "AION_STRATEGY", false},
}};

std::string from_caller(const std::string& path) {
  const char* caller = std::getenv("BUILD_WORKING_DIRECTORY");
  if (path.empty() || path[0] == '/' || caller == nullptr) return path;
  return std::string(caller) + "/" + path;
}

bool has_test(const std::string& full_name) {
  const ::testing::UnitTest& tests = *::testing::UnitTest::GetInstance();
  for (int i = 0; i < tests.total_test_suite_count(); ++i) {
    const ::testing::TestSuite& suite = *tests.GetTestSuite(i);
    for (int j = 0; j < suite.total_test_count(); ++j) {
      if (std::string(suite.name()) + "." + suite.GetTestInfo(j)->name() == full_name) return true;
    }
  }
  return false;
}

[[noreturn]] void refuse(const std::string& line) {
  std::fprintf(stderr, "%s\n", line.c_str());
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> rest = {argv[0]};
  // A filter Bazel passes (bazel test --test_filter) is the user's choice too.
  bool filtered =
      std::getenv("GTEST_FILTER") != nullptr || std::getenv("TESTBRIDGE_TEST_ONLY") != nullptr;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.rfind("--gtest_filter", 0) == 0) filtered = true;
    if (arg.rfind("--aion_", 0) != 0) {
      rest.push_back(argv[i]);
      continue;
    }
    const auto equals = arg.find('=');
    const std::string_view name = arg.substr(7, equals == arg.npos ? arg.npos : equals - 7);
    const Flag* flag = nullptr;
    for (const Flag& known : kFlags) {
      if (name == known.name) flag = &known;
    }
    if (flag == nullptr) {
      refuse(std::string(arg) +
             ": unknown flag (known: --aion_replay, --aion_shrink, --aion_html, --aion_perfetto, "
             "--aion_seed, --aion_runs, --aion_strategy)");
    }
    if (equals == arg.npos || equals + 1 == arg.size()) {
      refuse("--aion_" + std::string(name) + " needs a value: --aion_" + std::string(name) +
             "=...");
    }
    const std::string value(arg.substr(equals + 1));
    setenv(flag->variable, (flag->path ? from_caller(value) : value).c_str(), 1);
  }
  std::string filter;
  std::string replayed;
  const char* given = std::getenv("AION_REPLAY");
  if (const char* shrink = std::getenv("AION_SHRINK"); shrink != nullptr) {
    if (given != nullptr) refuse("--aion_replay and --aion_shrink: one file at a time");
    given = shrink;
  }
  if (given != nullptr) {
    try {
      replayed = aion::sim::read_check_file(given).test;
    } catch (const std::invalid_argument& bad) {
      refuse(bad.what());
    }
    if (!filtered) {
      filter = "--gtest_filter=" + replayed;
      rest.push_back(filter.data());
    }
  }
  int count = static_cast<int>(rest.size());
  rest.push_back(nullptr);
  ::testing::InitGoogleTest(&count, rest.data());
  if (!replayed.empty() && !has_test(replayed)) {
    refuse(std::string(given) + ": a failure of " + replayed +
           ", a test this binary does not have");
  }
  return RUN_ALL_TESTS();
}
