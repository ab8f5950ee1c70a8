#include <gtest/gtest.h>

#include <cctype>
#include <sstream>

#include "sim/engine/chrome_trace.h"
#include "sim/engine/simulator.h"
#include "sim/engine/tests/programs.h"
#include "sim/engine/timeline.h"

namespace aion::sim {
namespace {

bool mentions_address(const std::string& line) {
  for (std::size_t at = line.find("0x"); at != std::string::npos; at = line.find("0x", at + 1)) {
    std::size_t digits = 0;
    while (at + 2 + digits < line.size() && std::isxdigit(line[at + 2 + digits])) ++digits;
    if (digits >= 6) return true;
  }
  return false;
}

RunResult recorded_run(Simulator& sim) {
  return sim.run(testing::lost_wakeup(true), RunOptions().with_seed(5).with_trace());
}

TEST(TraceExportTest, RecordingDoesNotChangeTheHash) {
  Simulator sim;
  const RunResult recorded = recorded_run(sim);
  const RunResult unrecorded = sim.run(testing::lost_wakeup(true), RunOptions().with_seed(5));
  EXPECT_EQ(recorded.trace_hash, unrecorded.trace_hash);
  EXPECT_FALSE(recorded.trace.empty());
  EXPECT_TRUE(unrecorded.trace.empty());
}

TEST(TraceExportTest, EventsNameThreadsOperationsAndObjects) {
  Simulator sim;
  const RunResult result = recorded_run(sim);
  bool saw_lock = false;
  bool saw_switch = false;
  for (const Event& event : result.trace) {
    if (event.op == Op::kLock) {
      saw_lock = true;
      EXPECT_EQ(event.object, "flag.mutex");
    }
    if (event.op == Op::kSwitch) {
      saw_switch = true;
      EXPECT_NE(event.reason, SwitchReason::kNone);
    }
  }
  EXPECT_TRUE(saw_lock);
  EXPECT_TRUE(saw_switch);
}

TEST(TraceExportTest, TimelineHasOneLinePerEventAndNoAddresses) {
  Simulator sim;
  const RunResult result = recorded_run(sim);
  const std::string timeline = render_timeline(result.trace);
  std::istringstream lines(timeline);
  std::string line;
  std::size_t count = 0;
  while (std::getline(lines, line)) {
    ++count;
    EXPECT_FALSE(mentions_address(line)) << line;
  }
  EXPECT_EQ(count, result.trace.size());
  EXPECT_NE(timeline.find("waiter"), std::string::npos);
  EXPECT_NE(timeline.find("lock `flag.mutex`"), std::string::npos);
  EXPECT_NE(timeline.find("(blocked)"), std::string::npos) << timeline;
}

TEST(TraceExportTest, ChromeTraceHasOneLanePerThreadAndAnEventPerTraceEvent) {
  Simulator sim;
  const RunResult result = recorded_run(sim);
  const std::string json = to_chrome_trace_json(result.trace);
  const auto occurrences = [&](const std::string& needle) {
    std::size_t found = 0;
    for (std::size_t at = json.find(needle); at != std::string::npos;
         at = json.find(needle, at + 1)) {
      ++found;
    }
    return found;
  };
  EXPECT_EQ(json.rfind("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[", 0), 0u);
  EXPECT_EQ(occurrences("\"name\":\"thread_name\""), 3u);  // main, waiter, setter
  EXPECT_NE(json.find("\"args\":{\"name\":\"waiter\"}"), std::string::npos);
  EXPECT_EQ(occurrences("\"ph\":\"X\""), result.trace.size());
  EXPECT_EQ(occurrences("{"), occurrences("}"));

  // Virtual time by default, the step as an argument; or the step as the axis.
  EXPECT_NE(json.find("\"ts\":0.000,\"dur\":0"), std::string::npos);
  EXPECT_NE(json.find("\"args\":{\"step\":1,"), std::string::npos);
  const std::string by_step = to_chrome_trace_json(result.trace, {}, ChromeTimeAxis::kStep);
  EXPECT_NE(by_step.find("\"ts\":1,\"dur\":1"), std::string::npos);
}

TEST(TraceExportTest, ChromeTraceTakesNamesForEvents) {
  Simulator sim;
  const RunResult result = recorded_run(sim);
  std::vector<std::string> names(result.trace.size());
  names[1] = "what event 1 was";
  const std::string json = to_chrome_trace_json(result.trace, names);
  EXPECT_NE(json.find("\"name\":\"what event 1 was\""), std::string::npos);
}

TEST(TraceExportTest, ChromeTraceEscapesNames) {
  Trace trace(1);
  trace[0].fiber_name = "quote\"and\\slash";
  trace[0].object = "line\nbreak";
  const std::string json = to_chrome_trace_json(trace);
  EXPECT_NE(json.find("quote\\\"and\\\\slash"), std::string::npos) << json;
  EXPECT_NE(json.find("line\\nbreak"), std::string::npos) << json;
}

}  // namespace
}  // namespace aion::sim
