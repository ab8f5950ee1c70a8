// monitor_process, rule by rule (runtime.md, "monitor_process(pid,
// callback)"): never-spawned pids are refused; spawned pids are accepted
// live or exited; the callback runs once, on the pid's own monitor thread,
// after the pid's resources were released and outside every runtime lock; a
// second monitor, or one after the outcome was reported, is refused without
// disturbing the first.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "tests/test_support.h"

namespace aion::testing {
namespace {

using runtime::Completed;
using runtime::ErrorKind;
using runtime::RuntimeConfig;
using runtime::RuntimeCounts;
using runtime::WorkflowProgram;

class MonitorRulesTest : public RuntimeTest {
 protected:
  RuntimeConfig config() const override { return RuntimeConfig::with_schedulers(1); }
};

// Rule 1.
TEST_F(MonitorRulesTest, NeverSpawnedPidIsRefusedAndItsCallbackNeverRuns) {
  const Pid spawned = spawn_monitored(WorkflowProgram{}.run_until_cancelled());
  CallbackRecorder refused_recorder;
  for (const Pid pid : {Pid{0}, spawned + 1, Pid{9'999}}) {
    auto refused = runtime_->monitor_process(pid, refused_recorder.callback(pid));
    ASSERT_TRUE(IsRefusal(refused, ErrorKind::kNeverSpawned)) << "pid " << pid;
    EXPECT_NE(refused.error().message.find("never spawned"), std::string::npos) << refused.error();
    EXPECT_TRUE(NamesPid(refused.error().message, pid));
  }
  EXPECT_EQ(refused_recorder.callbacks_held(), 0) << "the runtime kept a refused callback";
  // A pid spawned later is monitorable.
  const Pid later = spawn_monitored(WorkflowProgram{}.complete("later"));
  EXPECT_EQ(later, spawned + 1);
  EXPECT_TRUE(HasOutcome(outcome(later), Completed{"later"}));
  ASSERT_TRUE(runtime_->cancel_pid(spawned).ok());
  EXPECT_TRUE(HasOutcome(outcome(spawned), cancelled(spawned)));
  EXPECT_EQ(refused_recorder.total(), 0u);
}

// A monitor without a callback is refused, not a crash on its thread later.
TEST_F(MonitorRulesTest, EmptyCallbackIsRefusedAndThePidStaysMonitorable) {
  const Pid pid = spawn(WorkflowProgram{}.complete("done"));
  auto refused = runtime_->monitor_process(pid, runtime::MonitorCallback{});
  ASSERT_TRUE(IsRefusal(refused, ErrorKind::kInvalidArgument));
  EXPECT_TRUE(NamesPid(refused.error().message, pid));
  monitor(pid);
  EXPECT_TRUE(HasOutcome(outcome(pid), Completed{"done"}));
}

TEST_F(MonitorRulesTest, PidsAreHandedOutFromOneUpwards) {
  EXPECT_EQ(spawn_monitored(WorkflowProgram{}.complete("1")), Pid{1});
  EXPECT_EQ(spawn_monitored(WorkflowProgram{}.complete("2")), Pid{2});
  EXPECT_EQ(spawn_monitored(WorkflowProgram{}.complete("3")), Pid{3});
  EXPECT_TRUE(HasOutcome(outcome(3), Completed{"3"}));
}

// Rule 2: live, exited, or gone from the live table, a spawned pid is accepted.
TEST_F(MonitorRulesTest, LiveProcessIsAccepted) {
  const Pid pid = spawn(WorkflowProgram{}.await_all({1}).complete_with_taken());
  ASSERT_TRUE(runtime_->is_live(pid));
  monitor(pid);
  EXPECT_EQ(recorder_.count(pid), 0u);
  deliver(pid, 1, "payload");
  EXPECT_TRUE(HasOutcome(outcome(pid), Completed{"payload"}));
}

TEST_F(MonitorRulesTest, ProcessThatAlreadyLeftTheLiveTableIsAccepted) {
  const Pid pid = spawn(WorkflowProgram{}.work(10).fail("early exit"));
  ASSERT_TRUE(eventually([&] { return !runtime_->is_live(pid); }));
  monitor(pid);
  EXPECT_TRUE(HasOutcome(outcome(pid), returned_error(pid, "early exit")));
}

TEST_F(MonitorRulesTest, ProcessThatExitsWhileTheMonitorInstallsIsAccepted) {
  // No waiting between spawn and monitor: the process may exit before,
  // during or after the installation. All are accepted and report the outcome.
  for (int i = 0; i < 50; ++i) {
    const Pid pid = spawn_monitored(WorkflowProgram{}.complete(std::to_string(i)));
    EXPECT_TRUE(HasOutcome(outcome(pid), Completed{std::to_string(i)}));
  }
}

// Rule 3.
TEST_F(MonitorRulesTest, CallbackRunsOnTheMonitorThreadOfThePid) {
  const Pid pid = spawn(WorkflowProgram{}.complete("done"));
  monitor_probed(pid);
  EXPECT_TRUE(HasOutcome(outcome(pid), Completed{"done"}));
  ASSERT_TRUE(probe(pid).has_value());
  EXPECT_NE(probe(pid)->thread, std::this_thread::get_id());
  // RealPlatform shows the last 15 characters of the thread's name.
  const std::string name = "aion-workflow-monitor-" + std::to_string(pid);
  EXPECT_EQ(probe(pid)->thread_name, name.substr(name.size() - 15));
}

TEST_F(MonitorRulesTest, ResourcesAreReleasedBeforeTheCallback) {
  const Pid pid = spawn(WorkflowProgram{}.await_all({1}).run_until_cancelled());
  deliver(pid, 7, "never taken");
  RuntimeCounts before = runtime_->counts();
  EXPECT_EQ(before.live_processes, 1u);
  EXPECT_EQ(before.spawn_heaps_held, 1u);
  EXPECT_EQ(before.nif_states_held, 1u);
  EXPECT_EQ(before.ledger_entries, 1u);
  EXPECT_EQ(before.retained_completions, 1u);
  monitor_probed(pid);
  ASSERT_TRUE(runtime_->cancel_pid(pid).ok());
  EXPECT_TRUE(HasOutcome(outcome(pid), cancelled(pid)));
  ASSERT_TRUE(probe(pid).has_value());
  const RuntimeCounts inside = probe(pid)->counts;
  EXPECT_EQ(inside.spawn_heaps_held, 0u);
  EXPECT_EQ(inside.nif_states_held, 0u);
  EXPECT_EQ(inside.retained_completions, 0u);
  EXPECT_EQ(inside.ledger_entries, 0u);
  EXPECT_EQ(inside.double_heap_releases, 0u);
  EXPECT_EQ(inside.double_nif_cleanups, 0u);
}

TEST_F(MonitorRulesTest, CallbackRunsOutsideEveryRuntimeLock) {
  // Each call below takes the runtime's locks: from a callback that held
  // one, it would deadlock (and the test would time out).
  const Pid pid = spawn(WorkflowProgram{}.complete("done"));
  // Shared with the callback, which could outlive this body if it failed.
  auto spawned_inside = std::make_shared<Pid>(runtime::kNoPid);
  monitor(pid, [this, pid, spawned_inside] {
    (void)runtime_->counts();
    (void)runtime_->is_live(pid);
    (void)runtime_->recent_exit(pid);
    auto inner = runtime_->spawn(WorkflowProgram{}.run_until_cancelled());
    if (inner.ok()) {
      *spawned_inside = inner.value();
      (void)runtime_->deliver_activity_completion(inner.value(), 1, "x");
      (void)runtime_->cancel_pid(inner.value());
    }
  });
  ASSERT_TRUE(HasOutcome(outcome(pid), Completed{"done"}));
  const Pid inner = *spawned_inside;
  ASSERT_NE(inner, runtime::kNoPid);
  EXPECT_FALSE(runtime_->is_live(inner));
  monitor(inner);
  EXPECT_TRUE(HasOutcome(outcome(inner), cancelled(inner)));
}

TEST_F(MonitorRulesTest, CallbackRunsExactlyOnce) {
  const Pid pid = spawn_monitored(WorkflowProgram{}.complete("once"));
  EXPECT_TRUE(HasOutcome(outcome(pid), Completed{"once"}));
  ASSERT_TRUE(runtime_->shutdown().ok());
  EXPECT_EQ(recorder_.count(pid), 1u);
}

// Rule 4.
TEST_F(MonitorRulesTest, SecondMonitorIsRefusedWithoutDisturbingTheFirst) {
  const Pid pid = spawn_monitored(WorkflowProgram{}.run_until_cancelled());
  CallbackRecorder second;
  auto refused = runtime_->monitor_process(pid, second.callback(pid));
  ASSERT_TRUE(IsRefusal(refused, ErrorKind::kAlreadyMonitored));
  EXPECT_TRUE(NamesPid(refused.error().message, pid));
  EXPECT_EQ(second.callbacks_held(), 0) << "the runtime kept the refused callback";
  EXPECT_TRUE(runtime_->is_live(pid)) << "the refusal disturbed the process";
  ASSERT_TRUE(runtime_->cancel_pid(pid).ok());
  EXPECT_TRUE(HasOutcome(outcome(pid), cancelled(pid)));
  ASSERT_TRUE(runtime_->shutdown().ok());
  EXPECT_EQ(recorder_.count(pid), 1u);
  EXPECT_EQ(second.total(), 0u);
}

TEST_F(MonitorRulesTest, SecondMonitorOfAnExitedProcessIsRefused) {
  // Exited but the first monitor has not been told yet, or has: either way
  // the second is refused and the first reports the real outcome.
  const Pid pid = spawn_monitored(WorkflowProgram{}.complete("mine"));
  CallbackRecorder second;
  auto refused = runtime_->monitor_process(pid, second.callback(pid));
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.error().kind == ErrorKind::kAlreadyMonitored ||
              refused.error().kind == ErrorKind::kOutcomeConsumed)
      << refused.error();
  EXPECT_TRUE(NamesPid(refused.error().message, pid));
  EXPECT_TRUE(HasOutcome(outcome(pid), Completed{"mine"}));
  EXPECT_EQ(second.callbacks_held(), 0);
}

TEST_F(MonitorRulesTest, MonitorAfterTheOutcomeWasReportedIsRefusedAsConsumed) {
  const Pid pid = spawn_monitored(WorkflowProgram{}.complete("reported"));
  EXPECT_TRUE(HasOutcome(outcome(pid), Completed{"reported"}));
  // Right after the callback: the outcome was reported, so it is consumed.
  CallbackRecorder again;
  auto refused = runtime_->monitor_process(pid, again.callback(pid));
  ASSERT_TRUE(IsRefusal(refused, ErrorKind::kOutcomeConsumed));
  EXPECT_TRUE(NamesPid(refused.error().message, pid));
  EXPECT_EQ(again.callbacks_held(), 0);
}

TEST_F(MonitorRulesTest, MonitorFromInsideTheCallbackIsRefusedAsConsumed) {
  // The callback has the outcome in hand: a retry from inside it must be
  // told that the outcome was consumed, not that a monitor is pending.
  const Pid pid = spawn(WorkflowProgram{}.complete("reported"));
  // Shared with the callback, which could outlive this body if it failed.
  auto inner_refusal = std::make_shared<std::optional<runtime::EngineError>>();
  CallbackRecorder inner;
  monitor(pid, [this, pid, inner_refusal, inner] {
    auto retry = runtime_->monitor_process(pid, inner.callback(pid));
    if (!retry.ok()) *inner_refusal = retry.error();
  });
  ASSERT_TRUE(HasOutcome(outcome(pid), Completed{"reported"}));
  ASSERT_TRUE(inner_refusal->has_value()) << "a second monitor was accepted";
  const runtime::EngineError refusal = **inner_refusal;
  EXPECT_EQ(refusal.kind, ErrorKind::kOutcomeConsumed) << refusal;
  EXPECT_TRUE(NamesPid(refusal.message, pid));
  EXPECT_EQ(inner.total(), 0u);
}

}  // namespace
}  // namespace aion::testing
