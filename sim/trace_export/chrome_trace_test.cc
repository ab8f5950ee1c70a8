// The Chrome trace-event JSON that Perfetto opens: read back as JSON, one lane per thread,
// one slice per event, on either time axis, with the names given and any text escaped.
#include "sim/trace_export/chrome_trace.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "sim/engine/simulator.h"
#include "sim/engine/tests/programs.h"

namespace aion::sim {
namespace {

using Json = nlohmann::json;

RunResult recorded_run(Simulator& sim) {
  return sim.run(testing::lost_wakeup(true), RunOptions().with_seed(5).with_trace());
}

std::vector<Json> events_of(const std::string& text, const char* phase) {
  std::vector<Json> events;
  const Json json = Json::parse(text);
  for (const Json& event : json.at("traceEvents")) {
    if (event.at("ph") == std::string(phase)) events.push_back(event);
  }
  return events;
}

TEST(ChromeTrace, OneLanePerThreadAndASlicePerTraceEvent) {
  Simulator sim;
  const RunResult result = recorded_run(sim);
  const std::string text = to_chrome_trace_json(result.trace);
  EXPECT_EQ(Json::parse(text).at("displayTimeUnit"), "ns");
  std::set<std::string> lanes;
  for (const Json& lane : events_of(text, "M")) {
    EXPECT_EQ(lane.at("name"), "thread_name");
    lanes.insert(lane.at("args").at("name").get<std::string>());
  }
  EXPECT_EQ(lanes, (std::set<std::string>{"main", "setter", "waiter"}));
  const std::vector<Json> slices = events_of(text, "X");
  ASSERT_EQ(slices.size(), result.trace.size());
  for (std::size_t i = 0; i < slices.size(); ++i) {
    const Event& event = result.trace[i];
    EXPECT_EQ(slices[i].at("tid"), event.fiber);
    EXPECT_EQ(slices[i].at("args").at("step"), event.step);
    // Virtual time by default, in microseconds.
    EXPECT_DOUBLE_EQ(slices[i].at("ts").get<double>(), event.time / 1000.0);
    EXPECT_EQ(slices[i].at("dur"), 0);
  }
  const std::vector<Json> by_step =
      events_of(to_chrome_trace_json(result.trace, {}, ChromeTimeAxis::kStep), "X");
  ASSERT_EQ(by_step.size(), result.trace.size());
  EXPECT_EQ(by_step[1].at("ts"), result.trace[1].step);
  EXPECT_EQ(by_step[1].at("dur"), 1);
}

TEST(ChromeTrace, TakesNamesForEvents) {
  Simulator sim;
  const RunResult result = recorded_run(sim);
  std::vector<std::string> names(result.trace.size());
  names[1] = "what event 1 was";
  const std::vector<Json> slices = events_of(to_chrome_trace_json(result.trace, names), "X");
  EXPECT_EQ(slices[1].at("name"), "what event 1 was");
  EXPECT_NE(slices[0].at("name"), "");
}

TEST(ChromeTrace, EscapesWhatNamesHold) {
  Trace trace(1);
  trace[0].fiber_name = "quote\"and\\slash";
  trace[0].object = "line\nbreak\x01";
  const std::string text = to_chrome_trace_json(trace);
  EXPECT_EQ(events_of(text, "M").at(0).at("args").at("name"), "quote\"and\\slash");
  const std::string name = events_of(text, "X").at(0).at("name").get<std::string>();
  EXPECT_NE(name.find("line\nbreak\x01"), std::string::npos) << name;
  // Bytes that are not UTF-8 are replaced, not a reason to fail.
  trace[0].object = "\xff\xfe";
  EXPECT_NO_THROW(Json::parse(to_chrome_trace_json(trace)));
}

}  // namespace
}  // namespace aion::sim
