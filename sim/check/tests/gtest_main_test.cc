// //sim/check:gtest_main through a user's test binary (demo_tests.cc): a failure found writes
// its file; --aion_replay replays it in its own test alone and --aion_html / --aion_perfetto
// draw it; a bad flag or file is one line and exit 2 before any test runs.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "sim/check/check_file.h"

namespace {

struct Ran {
  int status = -1;
  std::string out;  // stdout and stderr
};

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string demo_binary() {
  const char* workspace = std::getenv("TEST_WORKSPACE");
  return std::string(std::getenv("TEST_SRCDIR")) + "/" + (workspace ? workspace : "__main__") +
         "/sim/check/demo_tests";
}

// Runs the demo binary with `args` and `environment` (NAME=VALUE ...) in front of it.
Ran run_demo(const std::string& args, const std::string& environment = "") {
  const std::string out = ::testing::TempDir() + "/demo_out.txt";
  const std::string command =
      "env -u AION_REPLAY -u AION_HTML -u AION_PERFETTO -u TEST_PREMATURE_EXIT_FILE "
      "-u XML_OUTPUT_FILE -u GTEST_OUTPUT -u TEST_UNDECLARED_OUTPUTS_DIR " +
      environment + " " + demo_binary() + " " + args + " >" + out + " 2>&1";
  const int raw = std::system(command.c_str());
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, read(out)};
}

std::string fresh_dir(const std::string& name) {
  const std::string dir = ::testing::TempDir() + "/" + name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::string only_file_in(const std::string& dir) {
  std::string found;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) found = entry.path();
  return found;
}

TEST(GtestMain, FindsThenReplaysAndDrawsTheFailureInItsOwnTestAlone) {
  const std::string outputs = fresh_dir("outputs");
  const Ran found = run_demo("", "TEST_UNDECLARED_OUTPUTS_DIR=" + outputs);
  EXPECT_NE(found.status, 0) << found.out;
  EXPECT_NE(found.out.find("[  FAILED  ] Demo.LostUpdate"), std::string::npos) << found.out;
  EXPECT_NE(found.out.find("[       OK ] Demo.AtomicUpdate"), std::string::npos) << found.out;
  const std::string file = only_file_in(outputs);
  ASSERT_NE(file.find(".aioncheck"), std::string::npos) << file;

  const std::string page = ::testing::TempDir() + "/page.html";
  const std::string trace = ::testing::TempDir() + "/trace.json";
  const Ran replayed =
      run_demo("--aion_replay=" + file + " --aion_html=" + page + " --aion_perfetto=" + trace);
  EXPECT_NE(replayed.status, 0) << replayed.out;
  EXPECT_NE(replayed.out.find("1 test from 1 test suite ran"), std::string::npos) << replayed.out;
  EXPECT_NE(replayed.out.find("trace: as recorded"), std::string::npos) << replayed.out;
  const std::string html = read(page);
  EXPECT_NE(html.find("<b>Failure:</b>check failed in fiber `main`: an increment was lost"),
            std::string::npos)
      << html.substr(0, 2000);
  EXPECT_NE(html.find("aion::thread#"), std::string::npos);
  EXPECT_NE(html.find("class=\"failure\""), std::string::npos);
  EXPECT_NE(read(trace).find("\"traceEvents\""), std::string::npos);
}

TEST(GtestMain, RefusesABadFlagOrFileInOneLineBeforeAnyTest) {
  const Ran unknown = run_demo("--aion_sed=3");
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.out.find("--aion_sed=3: unknown flag"), std::string::npos) << unknown.out;
  EXPECT_EQ(unknown.out.find("RUN"), std::string::npos) << unknown.out;

  const Ran empty = run_demo("--aion_runs=");
  EXPECT_EQ(empty.status, 2);
  EXPECT_NE(empty.out.find("needs a value"), std::string::npos) << empty.out;

  const std::string bad = ::testing::TempDir() + "/bad.aioncheck";
  std::ofstream(bad) << "aion-check 1\ntest Demo.LostUpdate\n";
  const Ran cut = run_demo("--aion_replay=" + bad);
  EXPECT_EQ(cut.status, 2);
  EXPECT_NE(cut.out.find("cut short"), std::string::npos) << cut.out;
  EXPECT_EQ(std::count(cut.out.begin(), cut.out.end(), '\n'), 1) << cut.out;

  aion::sim::CheckFile elsewhere;
  elsewhere.test = "Other.Test";
  const std::string other = ::testing::TempDir() + "/other.aioncheck";
  std::ofstream(other) << aion::sim::render_check_file(elsewhere);
  const Ran missing = run_demo("--aion_replay=" + other);
  EXPECT_EQ(missing.status, 2) << missing.out;
  EXPECT_NE(missing.out.find("a test this binary does not have"), std::string::npos) << missing.out;
}

TEST(GtestMain, FlagsGoOverTheEnvironment) {
  const Ran ran = run_demo("--gtest_filter=Demo.AtomicUpdate --aion_runs=7", "AION_RUNS=oops");
  EXPECT_EQ(ran.status, 0) << ran.out;
}

}  // namespace
