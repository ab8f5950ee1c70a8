#include <gtest/gtest.h>

#include <cctype>
#include <sstream>

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

}  // namespace
}  // namespace aion::sim
