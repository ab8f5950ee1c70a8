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
  for (const auto& v : violations) {
    text += std::string(oracle::invariant_name(v.invariant)) + ": " + v.sentence + "\n";
  }
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

// Built by hand: what a correct runtime records for `spawn complete; monitor
// p0`; the tests below break it the way a broken runtime would.
scenario::RunRecord record_of_one_spawn(const scenario::Scenario& s) {
  constexpr std::uint32_t kMain = 0, kScheduler = 1, kMonitor = 2;
  scenario::RunRecord record;
  record.threads = {"main", "aion-scheduler-0", "aion-workflow-monitor-1"};
  record.scheduler_threads = {kScheduler};
  record.label_pids = {1};
  scenario::OpRecord spawn;
  spawn.op = s.prefix[0];
  spawn.pid = 1;
  spawn.invoked = 0;
  spawn.returned = 1;
  spawn.thread = kMain;
  record.ops.push_back(spawn);
  scenario::OpRecord monitor;
  monitor.op = s.prefix[1];
  monitor.index = 1;
  monitor.pid = 1;
  monitor.invoked = 2;
  monitor.returned = 3;
  monitor.thread = kMain;
  record.ops.push_back(monitor);
  auto event = [&](scenario::EventKind kind, std::uint64_t seq, std::uint32_t thread) {
    scenario::Event e;
    e.seq = seq;
    e.kind = kind;
    e.pid = 1;
    e.thread = thread;
    return e;
  };
  scenario::Event exit = event(scenario::EventKind::kExitPublished, 4, kScheduler);
  exit.exit = {runtime::AtomTable::kNormal, runtime::ResultTag::kOk, "v0"};
  exit.mutexes_held = 1;
  exit.last_mutex = "runtime.state";
  record.events.push_back(exit);
  record.events.push_back(event(scenario::EventKind::kLeftLiveTable, 5, kScheduler));
  record.events.push_back(event(scenario::EventKind::kOutcomeTaken, 6, kMonitor));
  for (auto kind : {scenario::EventKind::kHeapReleased, scenario::EventKind::kNifCleaned,
                    scenario::EventKind::kCompletionsDrained}) {
    scenario::Event release = event(kind, record.events.back().seq + 1, kMonitor);
    release.detail = kind == scenario::EventKind::kCompletionsDrained ? 0 : 1;
    record.events.push_back(release);
  }
  scenario::Event callback = event(scenario::EventKind::kCallback, 20, kMonitor);
  callback.outcome = runtime::Completed{"v0"};
  record.events.push_back(callback);
  scenario::Event quiet = event(scenario::EventKind::kQuiescent, 30, kMain);
  quiet.pid = runtime::kNoPid;
  record.events.push_back(quiet);
  record.at_quiescence.runtime_threads_alive = 1;  // the scheduler
  record.at_quiescence.tombstones = 1;
  record.threads_at_quiescence.seq = 31;
  record.threads_at_quiescence.unjoined = {{1, "aion-scheduler-0", false},
                                           {2, "aion-workflow-monitor-1", true}};
  record.threads_after_shutdown.seq = 32;
  record.shutdown_thread = kMain;
  record.complete = true;
  return record;
}

std::string first_broken(const oracle::Violations& violations) {
  return violations.empty() ? ""
                            : std::string(oracle::invariant_name(violations.front().invariant));
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
  EXPECT_EQ(first_broken(violations), "exactly-once-callback");
}

TEST(ScenarioOracle, CatchesAWrongOutcome) {
  const scenario::Scenario s =
      parsed("config schedulers=1\nprefix\n spawn complete\n monitor p0\n");
  auto record = record_of_one_spawn(s);
  record.events[record.events.size() - 2].outcome = runtime::Completed{""};
  const auto violations = oracle::judge(s, record);
  ASSERT_FALSE(violations.empty());
  EXPECT_EQ(first_broken(violations), "reported-outcome");
}

TEST(ScenarioOracle, CatchesARefusalNoOrderExplains) {
  const scenario::Scenario s =
      parsed("config schedulers=1\nprefix\n spawn complete\n monitor p0\n");
  auto record = record_of_one_spawn(s);
  record.ops[1].ok = false;
  record.ops[1].error = runtime::ErrorKind::kNeverSpawned;
  record.ops[1].message = "cannot monitor process 1: it was never spawned by this runtime";
  record.events.erase(record.events.end() - 2);  // the refused monitor's callback
  const auto violations = oracle::judge(s, record);
  ASSERT_FALSE(violations.empty()) << "a spawned pid refused as never spawned went unnoticed";
  EXPECT_EQ(first_broken(violations), "linearizable") << describe(violations);
}

TEST(ScenarioOracle, CatchesAFiredMonitorStillHeldAtQuiescence) {
  const scenario::Scenario s =
      parsed("config schedulers=1\nprefix\n spawn complete\n monitor p0\n");
  auto record = record_of_one_spawn(s);
  record.at_quiescence.monitors_pending = 1;
  record.at_quiescence.runtime_threads_alive = 2;
  const auto violations = oracle::judge(s, record);
  ASSERT_FALSE(violations.empty());
  EXPECT_EQ(first_broken(violations), "nothing-held-at-quiescence");
}

TEST(ScenarioOracle, CatchesALeakAfterShutdown) {
  const scenario::Scenario s =
      parsed("config schedulers=1\nprefix\n spawn complete\n monitor p0\n");
  auto record = record_of_one_spawn(s);
  record.after_shutdown.retained_completions = 1;
  const auto violations = oracle::judge(s, record);
  ASSERT_FALSE(violations.empty());
  EXPECT_EQ(first_broken(violations), "nothing-held-after-shutdown");
}

}  // namespace
}  // namespace aion

namespace aion {
namespace {

const char* kOneSpawn = "config schedulers=1\nprefix\n spawn complete\n monitor p0\n";

TEST(ScenarioOracle, CatchesACallbackOnTheWrongThreadOrUnderALock) {
  const scenario::Scenario s = parsed(kOneSpawn);
  auto record = record_of_one_spawn(s);
  auto& callback = record.events[record.events.size() - 2];
  callback.thread = 0;
  EXPECT_EQ(first_broken(oracle::judge(s, record)), "callback-on-monitor-thread");
  callback.thread = 2;
  callback.mutexes_held = 1;
  callback.last_mutex = "runtime.state";
  const auto violations = oracle::judge(s, record);
  EXPECT_EQ(first_broken(violations), "callback-outside-locks");
  EXPECT_NE(violations.front().sentence.find("`runtime.state`"), std::string::npos);
  EXPECT_EQ(violations.front().seqs, std::vector<std::uint64_t>{20});
}

TEST(ScenarioOracle, CatchesAnExitPublishedOffTheSchedulersOrAfterLeaving) {
  const scenario::Scenario s = parsed(kOneSpawn);
  auto record = record_of_one_spawn(s);
  record.events[0].thread = 2;
  EXPECT_EQ(first_broken(oracle::judge(s, record)), "exit-on-scheduler-thread");
  record = record_of_one_spawn(s);
  std::swap(record.events[0].seq, record.events[1].seq);
  std::swap(record.events[0], record.events[1]);
  EXPECT_EQ(first_broken(oracle::judge(s, record)), "exit-before-leaving-live-table");
}

TEST(ScenarioOracle, CatchesCountsThatLie) {
  const scenario::Scenario s = parsed(kOneSpawn);
  auto record = record_of_one_spawn(s);
  record.at_quiescence.spawn_heaps_held = 1;
  const auto violations = oracle::judge(s, record);
  EXPECT_EQ(first_broken(violations), "counts-are-true");
  EXPECT_NE(violations.front().sentence.find("1 spawn heaps held"), std::string::npos)
      << violations.front().sentence;
}

TEST(ScenarioOracle, CatchesAShutdownThatLeftAThreadBehind) {
  const scenario::Scenario s = parsed(kOneSpawn);
  auto record = record_of_one_spawn(s);
  record.threads_after_shutdown.unjoined = {{2, "aion-workflow-monitor-1", true}};
  EXPECT_EQ(first_broken(oracle::judge(s, record)), "shutdown-completes");
}

TEST(ScenarioOracle, CatchesAVagueRefusal) {
  const scenario::Scenario s = parsed(kOneSpawn);
  auto record = record_of_one_spawn(s);
  scenario::OpRecord refused = record.ops[1];
  refused.op = scenario::op::Monitor{scenario::Target{false, 9999}};
  refused.pid = 9999;
  refused.ok = false;
  refused.error = runtime::ErrorKind::kNeverSpawned;
  refused.message = "cannot monitor process 9999: unknown pid";
  refused.invoked = 7;
  refused.returned = 8;
  record.ops.push_back(refused);
  const auto violations = oracle::judge(s, record);
  EXPECT_EQ(first_broken(violations), "error-message");
  EXPECT_NE(violations.front().sentence.find("'never spawned'"), std::string::npos);
}

}  // namespace
}  // namespace aion
