// Hand-written lifecycle scenarios, run in the simulator and judged by the
// oracle; and the oracle's own ability to fail on records that break the
// contract.
#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "sim/engine/pct_strategy.h"
#include "sim/engine/random_strategy.h"
#include "sim/engine/simulator.h"
#include "sim/oracle/coverage_marks.h"
#include "sim/oracle/lifecycle_oracle.h"
#include "sim/scenario/scenario_runner.h"
#include "sim/scenario/scenario_text.h"

namespace aion {
namespace {

scenario::Scenario parsed(const std::string& text) {
  auto result = scenario::parse(text);
  if (auto* error = std::get_if<scenario::ParseError>(&result)) {
    ADD_FAILURE() << error->describe();
    return {};
  }
  return std::get<scenario::Scenario>(result);
}

std::string describe(const oracle::Violations& violations) {
  std::string text;
  for (const auto& v : violations) text += v.invariant + ": " + v.sentence + "\n";
  return text;
}

const char* kRaceScenario =
    R"(config schedulers=2 tombstones=2 faults=thread_start_fails:0,wakeup_delayed:0,extra_yield:0,spurious_wakeup:0
prefix
  spawn complete
  spawn await_any
  spawn until_cancelled
branch
  monitor p0
  deliver p1 1
  monitor p1
  churn 3
branch
  deliver p1 2
  monitor p0
  cancel p2
  monitor 9999
branch
  monitor p2
  deliver p1 1
  monitor p1
)";

TEST(ScenarioText, RoundTrips) {
  const scenario::Scenario s = parsed(kRaceScenario);
  EXPECT_EQ(s.branches.size(), 3u);
  EXPECT_EQ(s.spawn_count(), 3u);
  const std::string text = scenario::render(s);
  EXPECT_EQ(parsed(text), s);
  EXPECT_NE(text.find("spawn await_any  # p1"), std::string::npos) << text;
}

TEST(ScenarioText, RejectsMalformedScriptsWithTheLine) {
  auto bad = scenario::parse("config schedulers=1\nprefix\n  monitor p3\n");
  ASSERT_TRUE(std::holds_alternative<scenario::ParseError>(bad));
  EXPECT_NE(std::get<scenario::ParseError>(bad).message.find("p3"), std::string::npos);
  bad = scenario::parse("config schedulers=1\nprefix\n  frobnicate p0\n");
  ASSERT_TRUE(std::holds_alternative<scenario::ParseError>(bad));
  EXPECT_EQ(std::get<scenario::ParseError>(bad).line, 3);
  bad = scenario::parse("prefix\n");
  EXPECT_TRUE(std::holds_alternative<scenario::ParseError>(bad));
}

void expect_clean_under(sim::Strategy& strategy, const scenario::Scenario& s, int seeds,
                        oracle::CoverageMarks& marks) {
  sim::Simulator simulator;
  for (int seed = 0; seed < seeds; ++seed) {
    scenario::RunRecord record;
    sim::RunOptions options;
    options.seed = static_cast<std::uint64_t>(seed);
    options.strategy = &strategy;
    const auto result = simulator.run(
        [&](platform::Platform& platform) { record = scenario::run_scenario(platform, s); },
        options);
    ASSERT_TRUE(result.passed()) << sim::summarize(result);
    const auto violations = oracle::judge(s, record);
    ASSERT_TRUE(violations.empty()) << "seed " << seed << "\n" << describe(violations);
    marks += oracle::marks_of(record);
  }
}

TEST(ScenarioOracle, RaceScenarioHoldsUnderRandomAndPct) {
  const scenario::Scenario s = parsed(kRaceScenario);
  oracle::CoverageMarks marks;
  sim::RandomStrategy random;
  expect_clean_under(random, s, 300, marks);
  sim::PctStrategy pct(3);
  expect_clean_under(pct, s, 300, marks);
  EXPECT_GT(marks[oracle::Mark::kNeverSpawnedRefused], 0u) << marks.describe();
  EXPECT_GT(marks[oracle::Mark::kDuplicateRefused], 0u) << marks.describe();
  EXPECT_GT(marks[oracle::Mark::kMonitorRacedExit], 0u) << marks.describe();
}

// Built by hand: what a broken runtime would have recorded.
scenario::RunRecord record_of_one_spawn(const scenario::Scenario& s) {
  scenario::RunRecord record;
  record.label_pids = {1};
  scenario::OpRecord spawn;
  spawn.op = s.prefix[0];
  spawn.pid = 1;
  spawn.invoked = 0;
  spawn.returned = 1;
  record.ops.push_back(spawn);
  scenario::OpRecord monitor;
  monitor.op = s.prefix[1];
  monitor.index = 1;
  monitor.pid = 1;
  monitor.invoked = 2;
  monitor.returned = 3;
  record.ops.push_back(monitor);
  scenario::Event exit;
  exit.seq = 4;
  exit.kind = scenario::EventKind::kExitPublished;
  exit.pid = 1;
  exit.exit = {runtime::AtomTable::kNormal, runtime::ResultTag::kOk, "v0"};
  record.events.push_back(exit);
  scenario::Event taken = exit;
  taken.seq = 5;
  taken.kind = scenario::EventKind::kOutcomeTaken;
  record.events.push_back(taken);
  for (auto kind : {scenario::EventKind::kHeapReleased, scenario::EventKind::kNifCleaned,
                    scenario::EventKind::kCompletionsDrained}) {
    scenario::Event release = exit;
    release.seq = record.events.back().seq + 1;
    release.kind = kind;
    release.detail = kind == scenario::EventKind::kCompletionsDrained ? 0 : 1;
    record.events.push_back(release);
  }
  scenario::Event callback;
  callback.seq = 20;
  callback.kind = scenario::EventKind::kCallback;
  callback.pid = 1;
  callback.outcome = runtime::Completed{"v0"};
  record.events.push_back(callback);
  scenario::Event quiet;
  quiet.seq = 30;
  quiet.kind = scenario::EventKind::kQuiescent;
  record.events.push_back(quiet);
  record.at_quiescence.runtime_threads_alive = 1;  // the scheduler
  return record;
}

TEST(ScenarioOracle, AcceptsAConsistentRecord) {
  const scenario::Scenario s =
      parsed("config schedulers=1\nprefix\n spawn complete\n monitor p0\n");
  EXPECT_TRUE(oracle::judge(s, record_of_one_spawn(s)).empty())
      << describe(oracle::judge(s, record_of_one_spawn(s)));
}

TEST(ScenarioOracle, CatchesADoubleCallback) {
  const scenario::Scenario s =
      parsed("config schedulers=1\nprefix\n spawn complete\n monitor p0\n");
  auto record = record_of_one_spawn(s);
  auto again = record.events[record.events.size() - 2];
  again.seq = 21;
  record.events.insert(record.events.end() - 1, again);
  const auto violations = oracle::judge(s, record);
  ASSERT_FALSE(violations.empty());
  EXPECT_EQ(violations.front().invariant, "exactly-once-callback");
}

TEST(ScenarioOracle, CatchesAWrongOutcome) {
  const scenario::Scenario s =
      parsed("config schedulers=1\nprefix\n spawn complete\n monitor p0\n");
  auto record = record_of_one_spawn(s);
  record.events[record.events.size() - 2].outcome = runtime::Completed{""};
  const auto violations = oracle::judge(s, record);
  ASSERT_FALSE(violations.empty());
  EXPECT_EQ(violations.front().invariant, "reported-outcome");
}

TEST(ScenarioOracle, CatchesARefusalNoOrderExplains) {
  const scenario::Scenario s =
      parsed("config schedulers=1\nprefix\n spawn complete\n monitor p0\n");
  auto record = record_of_one_spawn(s);
  record.ops[1].ok = false;
  record.ops[1].error = runtime::ErrorKind::kNeverSpawned;
  record.events.erase(record.events.end() - 2);  // the refused monitor's callback
  const auto violations = oracle::judge(s, record);
  ASSERT_FALSE(violations.empty()) << "a spawned pid refused as never spawned went unnoticed";
  EXPECT_EQ(violations.front().invariant, "linearizable") << describe(violations);
}

TEST(ScenarioOracle, CatchesAFiredMonitorStillHeldAtQuiescence) {
  const scenario::Scenario s =
      parsed("config schedulers=1\nprefix\n spawn complete\n monitor p0\n");
  auto record = record_of_one_spawn(s);
  record.at_quiescence.monitors_pending = 1;
  record.at_quiescence.runtime_threads_alive = 2;
  const auto violations = oracle::judge(s, record);
  ASSERT_FALSE(violations.empty());
  EXPECT_EQ(violations.front().invariant, "nothing-held-at-quiescence");
}

TEST(ScenarioOracle, CatchesALeakAfterShutdown) {
  const scenario::Scenario s =
      parsed("config schedulers=1\nprefix\n spawn complete\n monitor p0\n");
  auto record = record_of_one_spawn(s);
  record.after_shutdown.retained_completions = 1;
  const auto violations = oracle::judge(s, record);
  ASSERT_FALSE(violations.empty());
  EXPECT_EQ(violations.front().invariant, "nothing-held-after-shutdown");
}

}  // namespace
}  // namespace aion
