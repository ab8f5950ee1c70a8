// aionsim replay through the real binary: exact replays, verdicts against the
// file's `expect` line, replays that part from their recording, and the
// Perfetto and HTML outputs.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/cli/aionsim_process.h"

namespace aion::cli_test {
namespace {

TEST(Replay, ReproducesARecordedRunExactly) {
  const Ran ran = run_aionsim({"replay", testdata("churn_spanning_shutdown.aionfail")});
  EXPECT_EQ(ran.status, 0) << ran.err;
  // The timeline, then the verdict.
  EXPECT_NE(ran.out.find("#1      t=0.000000000s [0] main"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("strict replay of the recorded schedule (89 choices)"), std::string::npos);
  EXPECT_NE(ran.out.find("trace:    hash 214f359106b374b7, 133 steps, as recorded"),
            std::string::npos)
      << ran.out;
  EXPECT_NE(ran.out.find("outcome:  passed"), std::string::npos);
  EXPECT_NE(ran.out.find("verdict:  as the file expects (a pass)"), std::string::npos);
}

TEST(Replay, ReportsAVerdictThatContradictsTheFile) {
  const Ran ran = run_aionsim({"replay", testdata("verdict_mismatch.aionfail")});
  EXPECT_EQ(ran.status, 1);
  EXPECT_NE(ran.out.find(", as recorded"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("verdict:  NOT as the file expects: it expects a failure of "
                         "exactly-once-callback, the replay shows a pass"),
            std::string::npos)
      << ran.out;
}

TEST(Replay, SaysWhereAReplayPartsFromTheRecording) {
  const Ran ran = run_aionsim({"replay", testdata("diverged.aionfail")});
  EXPECT_EQ(ran.status, 1);
  EXPECT_NE(ran.out.find("PARTED FROM THE RECORDING: replay diverged at step 6 (choice #1): the "
                         "schedule has a scheduling choice of position 1 among 3 runnable "
                         "fibers, recorded at step 6; the live run has a scheduling decision "
                         "among 2 runnable fibers"),
            std::string::npos)
      << ran.out;
}

TEST(Replay, SaysWhenTheTraceHashDiffers) {
  const Ran ran = run_aionsim({"replay", testdata("wrong_hash.aionfail")});
  EXPECT_EQ(ran.status, 1);
  EXPECT_NE(ran.out.find("PARTED FROM THE RECORDING: the trace hash is 214f359106b374b7, the "
                         "file records 0123456789abcdef"),
            std::string::npos)
      << ran.out;
}

TEST(Replay, RunsAScenarioWithASeedAndStrategy) {
  const Ran ran = run_aionsim(
      {"replay", "--scenario", testdata("tiny.scenario"), "--seed", "3", "--strategy", "pct:2"});
  EXPECT_EQ(ran.status, 0) << ran.err;
  EXPECT_NE(ran.out.find("replayed: strategy pct:2:100"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("outcome:  passed"), std::string::npos) << ran.out;
}

TEST(Replay, WritesAChromeTraceAndASelfContainedPage) {
  const std::string dir = fresh_dir("pages");
  const Ran ran = run_aionsim({"replay", testdata("verdict_mismatch.aionfail"), "--chrome-trace",
                               dir + "/trace.json", "--html", dir + "/page.html"});
  EXPECT_EQ(ran.status, 1);
  const std::string trace = read_file(dir + "/trace.json");
  EXPECT_NE(trace.find("\"thread_name\""), std::string::npos);
  EXPECT_NE(trace.find("aion-workflow-monitor-1"), std::string::npos);

  const std::string page = read_file(dir + "/page.html");
  EXPECT_NE(page.find("<svg"), std::string::npos);
  // A lane per simulated thread, each event named in a tooltip.
  for (const char* lane : {"[0] main", "[1] aion-scheduler-0", "[5] aion-workflow-monitor-1"}) {
    EXPECT_NE(page.find(lane), std::string::npos) << lane;
  }
  EXPECT_NE(page.find("<title>#1      t=0.000000000s [0] main"), std::string::npos);
  // The recorded violation on top, and the events of the process it names in red.
  EXPECT_NE(page.find("class=\"banner warning\""), std::string::npos);
  EXPECT_NE(page.find("the monitor of process 1 fired 2 times"), std::string::npos);
  EXPECT_NE(page.find("class=\"failure\"><title>failure: #33 "), std::string::npos);
  // Self-contained: nothing to fetch, nothing to run.
  for (const char* outside : {"<script", "<link", "src=", "href=", "@import", "url("}) {
    EXPECT_EQ(page.find(outside), std::string::npos) << outside;
  }
}

}  // namespace
}  // namespace aion::cli_test
