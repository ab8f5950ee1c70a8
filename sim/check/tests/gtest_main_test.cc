// //sim/check:gtest_main through a user's test binary (demo_tests.cc): a failure found writes
// its file; --aion_replay replays it in its own test alone, --aion_html / --aion_perfetto
// draw it and --aion_shrink shrinks it; a run that crashes or hangs the process is on disk and
// replays in a child; a bad flag or file is one line and exit 2 before any test runs.
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
      "env -u AION_REPLAY -u AION_SHRINK -u AION_HTML -u AION_PERFETTO -u TEST_PREMATURE_EXIT_FILE "
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
  const Ran found = run_demo("--gtest_filter=Demo.*", "TEST_UNDECLARED_OUTPUTS_DIR=" + outputs);
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

  // Shrunk again through the binary: the file's run replayed, then shrunk.
  const Ran shrunk = run_demo("--aion_shrink=" + file, "TEST_UNDECLARED_OUTPUTS_DIR=" + outputs);
  EXPECT_NE(shrunk.status, 0) << shrunk.out;
  EXPECT_NE(shrunk.out.find("found in the file " + file), std::string::npos) << shrunk.out;
  EXPECT_NE(shrunk.out.find("shrunk: "), std::string::npos) << shrunk.out;
  EXPECT_NE(shrunk.out.find("1 test from 1 test suite ran"), std::string::npos) << shrunk.out;
}

// A run that takes the process down is on disk before the process ends, and its file reruns
// it in a child process, whose end the replay reports: under a sampling strategy (the run's
// seed is enough) and under a systematic one (the search is run to it).
TEST(GtestMain, ARunThatCrashesTheProcessIsOnDiskAndReplaysInAChild) {
  for (const std::string strategy : {"random", "dpor"}) {
    const std::string outputs = fresh_dir("crash-" + strategy);
    const Ran crashed =
        run_demo("--gtest_filter=DemoLost.AbortsOnALostUpdate --aion_strategy=" + strategy,
                 "TEST_UNDECLARED_OUTPUTS_DIR=" + outputs);
    EXPECT_NE(crashed.status, 0) << crashed.out;
    EXPECT_NE(crashed.out.find("brought the process down"), std::string::npos) << crashed.out;
    const std::string file = outputs + "/DemoLost_AbortsOnALostUpdate-crashed.aioncheck";
    const aion::sim::CheckFile recorded = aion::sim::read_check_file(file);
    EXPECT_EQ(recorded.outcome, "crashed");
    EXPECT_EQ(recorded.strategy, strategy);
    EXPECT_GE(recorded.run, 1u);

    const Ran replayed = run_demo("--aion_replay=" + file);
    EXPECT_EQ(replayed.status, 1) << replayed.out;
    EXPECT_NE(replayed.out.find("in a child process: crashed: killed by SIGABRT"),
              std::string::npos)
        << replayed.out;
  }
}

TEST(GtestMain, ARunThatHangsTheProcessIsOnDiskAndReplaysInAChild) {
  const std::string outputs = fresh_dir("hang");
  const Ran hung = run_demo("--gtest_filter=DemoLost.SpinsOnALostUpdate",
                            "TEST_UNDECLARED_OUTPUTS_DIR=" + outputs);
  EXPECT_EQ(hung.status, 1) << hung.out;
  EXPECT_NE(hung.out.find("ran past the watchdog"), std::string::npos) << hung.out;
  const std::string file = outputs + "/DemoLost_SpinsOnALostUpdate-hung.aioncheck";
  EXPECT_EQ(aion::sim::read_check_file(file).outcome, "hung");

  const Ran replayed = run_demo("--aion_replay=" + file);
  EXPECT_EQ(replayed.status, 1) << replayed.out;
  EXPECT_NE(replayed.out.find("in a child process: hung"), std::string::npos) << replayed.out;
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
  std::ofstream(bad) << "aion-check 2\ntest Demo.LostUpdate\n";
  const Ran cut = run_demo("--aion_replay=" + bad);
  EXPECT_EQ(cut.status, 2);
  EXPECT_NE(cut.out.find("cut short"), std::string::npos) << cut.out;
  EXPECT_EQ(std::count(cut.out.begin(), cut.out.end(), '\n'), 1) << cut.out;

  std::ofstream(bad) << "aion-check 1\ntest Demo.LostUpdate\n";
  const Ran old = run_demo("--aion_replay=" + bad);
  EXPECT_EQ(old.status, 2);
  EXPECT_NE(old.out.find("an aion-check 1 file, a version this build does not read"),
            std::string::npos)
      << old.out;

  const Ran both = run_demo("--aion_replay=" + bad + " --aion_shrink=" + bad);
  EXPECT_EQ(both.status, 2);
  EXPECT_NE(both.out.find("one file at a time"), std::string::npos) << both.out;

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
