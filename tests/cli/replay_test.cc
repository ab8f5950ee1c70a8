// aionsim replay through the real binary: exact replays, verdicts against the
// file's `expect` line, replays that part from their recording, and the
// Perfetto and HTML outputs.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "tests/cli/aionsim_process.h"

namespace aion::cli_test {
namespace {

TEST(Replay, ReproducesARecordedRunExactly) {
  const Ran ran = run_aionsim({"replay", testdata("churn_spanning_shutdown.aionfail")});
  EXPECT_EQ(ran.status, 0) << ran.err;
  EXPECT_EQ(ran.out.rfind("replay of ", 0), 0u) << ran.out;
  EXPECT_NE(ran.out.find("strict replay of the recorded schedule (62 choices)"), std::string::npos);
  EXPECT_NE(ran.out.find("trace:    hash 7bed922fc6c29424, 151 steps, as recorded"),
            std::string::npos)
      << ran.out;
  EXPECT_NE(ran.out.find("outcome:  passed"), std::string::npos);
  EXPECT_NE(ran.out.find("verdict:  as the file expects (a pass)"), std::string::npos);
}

TEST(Replay, FullPrintsTheWholeTimelineInTheScenariosWordsToo) {
  const Ran all = run_aionsim({"replay", testdata("churn_spanning_shutdown.aionfail"), "--full"});
  EXPECT_EQ(all.status, 0) << all.err;
  EXPECT_NE(all.out.find("#1      t=0.000000000s [0] main"), std::string::npos) << all.out;
  EXPECT_NE(all.out.find(" lock `runtime.state`"), std::string::npos);
  EXPECT_NE(all.out.find(" spawn fail: p0 is pid 1"), std::string::npos) << all.out;
  EXPECT_NE(all.out.find(" exit of p0 published: {error, e0}"), std::string::npos) << all.out;
  EXPECT_LT(all.out.find("#1 "), all.out.find("replay of "));
  const Ran ops = run_aionsim(
      {"replay", testdata("churn_spanning_shutdown.aionfail"), "--full", "--timeline", "ops"});
  EXPECT_EQ(ops.status, 0) << ops.err;
  EXPECT_EQ(ops.out.find(" lock `runtime.state`"), std::string::npos);
  EXPECT_NE(ops.out.find(" exit of p0 published: {error, e0}"), std::string::npos);
  EXPECT_LT(ops.out.size(), all.out.size() / 3);
  const Ran bad =
      run_aionsim({"replay", testdata("churn_spanning_shutdown.aionfail"), "--timeline", "some"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_EQ(bad.err, "aionsim: --timeline is ops or all, not 'some'\n");
}

// What a user reads first: each saved finding says in a few lines what went wrong.
TEST(Replay, EachRegressionTellsWhatWentWrongInAFewLines) {
  for (const std::string& file : regression_corpus()) {
    const Ran ran = run_aionsim({"replay", file});
    EXPECT_EQ(ran.status, 0) << file << "\n" << ran.err;
    if (file.find("zoo_") == std::string::npos) continue;
    EXPECT_NE(ran.out.find("\nwhat happened to "), std::string::npos) << file << "\n" << ran.out;
    EXPECT_NE(ran.out.find("outcome:  failure "), std::string::npos) << ran.out;
    EXPECT_EQ(ran.out.find("lock `runtime.state`"), std::string::npos)
        << "platform operations belong to --full:\n"
        << ran.out;
    const auto lines = std::count(ran.out.begin(), ran.out.end(), '\n');
    EXPECT_LE(lines, 30) << ran.out;
  }
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
  EXPECT_NE(ran.out.find("PARTED FROM THE RECORDING: replay diverged at step 7 (choice #4): the "
                         "schedule has a scheduling choice of position 2 among 3 enabled "
                         "fibers, recorded at step 7; the live run has a scheduling decision "
                         "among 2 enabled fibers"),
            std::string::npos)
      << ran.out;
}

TEST(Replay, SaysWhenTheTraceHashDiffers) {
  const Ran ran = run_aionsim({"replay", testdata("wrong_hash.aionfail")});
  EXPECT_EQ(ran.status, 1);
  EXPECT_NE(ran.out.find("PARTED FROM THE RECORDING: the trace hash is 7bed922fc6c29424, the "
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
  for (const char* lane : {"[0] main", "[1] aion-scheduler-0", "[6] aion-workflow-monitor-1"}) {
    EXPECT_NE(page.find(lane), std::string::npos) << lane;
  }
  EXPECT_NE(page.find("<title>#1      t=0.000000000s [0] main"), std::string::npos);
  // Scenario events in the scenario's words.
  EXPECT_NE(page.find("exit of p0 published: {error, e0}</title>"), std::string::npos);
  // The recorded violation on top, and the events of the process it names in red.
  EXPECT_NE(page.find("class=\"banner warning\""), std::string::npos);
  EXPECT_NE(page.find("the monitor of process 1 fired 2 times"), std::string::npos);
  EXPECT_NE(page.find("class=\"failure\"><title>failure: #"), std::string::npos);
  // Self-contained: nothing to fetch, nothing to run.
  for (const char* outside : {"<script", "<link", "src=", "href=", "@import", "url("}) {
    EXPECT_EQ(page.find(outside), std::string::npos) << outside;
  }
}

TEST(Replay, APageOfAFailureListsWhatHappened) {
  const std::string dir = fresh_dir("failure_page");
  std::string r1;
  for (const std::string& file : regression_corpus()) {
    if (file.find("zoo_r1") != std::string::npos) r1 = file;
  }
  ASSERT_FALSE(r1.empty());
  const Ran ran = run_aionsim({"replay", r1, "--html", dir + "/page.html", "--chrome-trace",
                               dir + "/trace.json", "--timeline", "ops"});
  EXPECT_EQ(ran.status, 0) << ran.err;
  const std::string page = read_file(dir + "/page.html");
  EXPECT_NE(page.find("<h2>What happened to p0</h2>"), std::string::npos) << page;
  EXPECT_NE(page.find("<b class=\"own\">&gt; "), std::string::npos);
  // With `ops`, the lanes hold the scenario's events alone.
  EXPECT_EQ(page.find("lock `runtime.state`</title>"), std::string::npos);
  const std::string trace = read_file(dir + "/trace.json");
  EXPECT_NE(trace.find("\"name\":\"callback of p0: "), std::string::npos);
}

}  // namespace
}  // namespace aion::cli_test
