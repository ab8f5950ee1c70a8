// Which events the HTML page paints red, on traces made by hand: the stuck
// fibers of a deadlock, the lifecycle of the process a violation names.
#include "sim/cli/failure_highlights.h"

#include <gtest/gtest.h>

#include <string>

#include "sim/report/html_report.h"

namespace aion::cli {
namespace {

sim::Event event(std::uint64_t step, std::uint32_t fiber, const char* name, sim::Op op,
                 const char* object = "", platform::Subject subject = 0) {
  sim::Event e;
  e.step = step;
  e.fiber = fiber;
  e.fiber_name = name;
  e.op = op;
  e.object = object;
  e.subject = subject;
  return e;
}

TEST(PidNamedIn, FindsTheFirstProcessNumber) {
  EXPECT_EQ(pid_named_in("the monitor of process 12 fired 2 times"), 12u);
  EXPECT_EQ(pid_named_in("a process ran; then process 7 and process 8"), 7u);
  EXPECT_FALSE(pid_named_in("no pid here").has_value());
}

TEST(FailureHighlights, DeadlockMarksTheLastEventOfEachFiberThatNeverFinished) {
  const sim::Trace trace = {
      event(1, 0, "main", sim::Op::kStartThread, "worker"),
      event(2, 1, "worker", sim::Op::kLock, "a"),
      event(3, 0, "main", sim::Op::kLock, "b"),
      event(4, 2, "helper", sim::Op::kFinish),
      event(5, 1, "worker", sim::Op::kLock, "b"),
      event(6, 0, "main", sim::Op::kLock, "a"),
  };
  const auto marked = failure_highlights(trace, sim::Outcome::kDeadlock, {}, "");
  EXPECT_EQ(marked, (std::vector<bool>{false, false, false, false, true, true}));
}

TEST(FailureHighlights, ViolationMarksTheNamedProcessAndItsMonitorThread) {
  const sim::Trace trace = {
      event(1, 1, "aion-scheduler-0", sim::Op::kYield, "workflow.reduction", 3),
      event(2, 1, "aion-scheduler-0", sim::Op::kYield, "workflow.reduction", 4),
      event(3, 0, "main", sim::Op::kStartThread, "aion-workflow-monitor-3"),
      event(4, 0, "main", sim::Op::kSleep, "", 3),
      event(5, 1, "aion-scheduler-0", sim::Op::kYield, "process.exit_window", 3),
  };
  const auto marked = failure_highlights(trace, sim::Outcome::kPassed, {},
                                         "the exit of process 3 was published twice");
  EXPECT_EQ(marked, (std::vector<bool>{true, false, true, false, true}));
  EXPECT_EQ(failure_highlights(trace, sim::Outcome::kPassed, {}, ""), std::vector<bool>(5, false));
}

TEST(FailureHighlights, ViolationMarksTheRecordEntriesItPointsAt) {
  const sim::Trace trace = {
      event(1, 0, "main", sim::Op::kNote, "op begins", 4),
      event(1, 1, "aion-scheduler-0", sim::Op::kYield, "workflow.reduction", 3),
      event(2, 0, "main", sim::Op::kNote, "op returns", 5),
      event(3, 1, "aion-scheduler-0", sim::Op::kNote, "exit-published", 6),
  };
  const auto marked = failure_highlights(trace, sim::Outcome::kPassed, {4, 5},
                                         "'monitor p0' (branch 1) returned ok");
  EXPECT_EQ(marked, (std::vector<bool>{true, false, true, false}));
}

TEST(HtmlReport, ShowsTheFailureInARedBannerAndItsEventsInRed) {
  report::HtmlReport html;
  html.title = "a <deadlock>";
  html.tone = report::Tone::kFailure;
  html.banner = "an operation blocked forever (deadlock): `main` waits for `b`";
  html.trace = {event(1, 0, "main", sim::Op::kLock, "b"), event(2, 1, "w", sim::Op::kLock, "a")};
  html.highlighted = {false, true};
  const std::string page = report::render_html(html);
  EXPECT_NE(page.find("<div class=\"banner failure\"><b>Failure:</b>an operation blocked forever"),
            std::string::npos);
  EXPECT_NE(page.find("a &lt;deadlock&gt;"), std::string::npos);
  EXPECT_NE(page.find("class=\"failure\"><title>failure: #2 "), std::string::npos);
  EXPECT_NE(page.find("class=\"name failed\""), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);
}

}  // namespace
}  // namespace aion::cli
