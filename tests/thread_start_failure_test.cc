// When a runtime thread cannot start: a monitor thread that fails to start
// makes monitor_process fail with `failed to spawn workflow monitor for
// process <pid>: <reason>` and undoes the installation (the process ends,
// everything it held is released, the callback never runs); a scheduler
// thread that fails to start makes RuntimeHandle::create fail, leaving no
// thread behind.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "tests/test_support.h"

namespace aion::testing {
namespace {

using runtime::Completed;
using runtime::ErrorKind;
using runtime::RuntimeConfig;
using runtime::RuntimeCounts;
using runtime::RuntimeHandle;
using runtime::WorkflowProgram;

constexpr std::string_view kMonitorThread = "aion-workflow-monitor-";

bool starts_with(std::string_view name, std::string_view prefix) {
  return name.substr(0, prefix.size()) == prefix;
}

std::string monitor_failure(Pid pid) {
  return "failed to spawn workflow monitor for process " + std::to_string(pid) + ": " +
         kInjectedStartFailure;
}

class MonitorThreadStartFailureTest : public RuntimeTest {
 protected:
  void fail_monitor_threads() {
    platform_.set_thread_start_fault(
        [](std::string_view name) { return starts_with(name, kMonitorThread); });
  }

  // Monitors pid with monitor threads failing to start; checks the refusal.
  void expect_monitor_start_fails(Pid pid) {
    CallbackRecorder refused;
    auto result = runtime_->monitor_process(pid, refused.callback(pid));
    ASSERT_TRUE(IsRefusal(result, ErrorKind::kThreadStartFailed));
    EXPECT_EQ(result.error().message, monitor_failure(pid));
    EXPECT_EQ(refused.callbacks_held(), 0) << "the runtime kept the callback of a failed monitor";
    EXPECT_EQ(refused.total(), 0u);
  }

  // Nothing is held for any pid: the runtime holds no process at all.
  void expect_nothing_held() {
    const RuntimeCounts counts = runtime_->counts();
    EXPECT_EQ(counts, quiescent_counts(counts, config().scheduler_threads));
  }
};

TEST_F(MonitorThreadStartFailureTest, LiveProcessIsEndedAndFullyReleased) {
  const Pid pid = spawn(WorkflowProgram{}.await_all({1}).complete_with_taken());
  deliver(pid, 9, "retained");
  ASSERT_EQ(retained(), 1u);
  fail_monitor_threads();
  expect_monitor_start_fails(pid);
  EXPECT_FALSE(runtime_->is_live(pid)) << "the process was left running unowned";
  expect_nothing_held();
  const auto delivery = runtime_->deliver_activity_completion(pid, 1, "late");
  EXPECT_TRUE(IsRefusal(delivery, ErrorKind::kDeliveryRefused));
  EXPECT_TRUE(IsRefusal(runtime_->cancel_pid(pid), ErrorKind::kNotLive));
  expect_nothing_held();
}

TEST_F(MonitorThreadStartFailureTest, ParkedTestProcessIsEndedAndFullyReleased) {
  auto pid = runtime_->spawn_test_process();
  ASSERT_TRUE(pid.ok()) << pid.error();
  fail_monitor_threads();
  expect_monitor_start_fails(pid.value());
  EXPECT_FALSE(runtime_->is_live(pid.value()));
  expect_nothing_held();
}

TEST_F(MonitorThreadStartFailureTest, ExitedProcessIsFullyReleased) {
  const Pid pid = spawn(WorkflowProgram{}.complete("done"));
  ASSERT_TRUE(eventually([&] { return !runtime_->is_live(pid); }));
  fail_monitor_threads();
  expect_monitor_start_fails(pid);
  expect_nothing_held();
  // Its resources were released once: a later monitor cannot release them again.
  platform_.set_thread_start_fault({});
  CallbackRecorder later;
  EXPECT_FALSE(runtime_->monitor_process(pid, later.callback(pid)).ok());
  EXPECT_EQ(later.callbacks_held(), 0);
  expect_nothing_held();
}

TEST_F(MonitorThreadStartFailureTest, OnlyTheFailedInstallationIsUndone) {
  const Pid kept = spawn_monitored(WorkflowProgram{}.await_all({1}).complete_with_taken());
  const Pid failed = spawn(WorkflowProgram{}.await_all({1}).complete_with_taken());
  const std::string failing_name = std::string(kMonitorThread) + std::to_string(failed);
  platform_.set_thread_start_fault(
      [failing_name](std::string_view name) { return name == failing_name; });
  expect_monitor_start_fails(failed);
  EXPECT_FALSE(runtime_->is_live(failed));
  EXPECT_TRUE(runtime_->is_live(kept));
  EXPECT_EQ(recorder_.count(kept), 0u);
  // Monitors of other pids still start.
  const Pid after = spawn_monitored(WorkflowProgram{}.complete("after"));
  EXPECT_TRUE(HasOutcome(outcome(after), Completed{"after"}));
  deliver(kept, 1, "kept");
  EXPECT_TRUE(HasOutcome(outcome(kept), Completed{"kept"}));
  const RuntimeCounts counts = await_quiescence(*runtime_, config().scheduler_threads);
  EXPECT_EQ(counts, quiescent_counts(counts, config().scheduler_threads));
}

TEST_F(MonitorThreadStartFailureTest, MonitorsStartAgainOnceThreadsCanStart) {
  const Pid first = spawn(WorkflowProgram{}.run_until_cancelled());
  fail_monitor_threads();
  expect_monitor_start_fails(first);
  platform_.set_thread_start_fault({});
  const Pid second = spawn_monitored(WorkflowProgram{}.work(5).complete("second"));
  EXPECT_TRUE(HasOutcome(outcome(second), Completed{"second"}));
}

// RuntimeHandle::create.
class SchedulerThreadStartFailureTest : public ::testing::Test {
 protected:
  platform::RealPlatform platform_;
};

TEST_F(SchedulerThreadStartFailureTest, CreateFailsAndStopsTheThreadsItStarted) {
  const std::size_t threads_before = os_threads();
  platform_.set_thread_start_fault(
      [](std::string_view name) { return name == "aion-scheduler-2"; });
  auto created = RuntimeHandle::create(platform_, RuntimeConfig::with_schedulers(4));
  ASSERT_TRUE(IsRefusal(created, ErrorKind::kThreadStartFailed));
  EXPECT_EQ(created.error().message,
            std::string("failed to start scheduler thread 2: ") + kInjectedStartFailure);
  // Schedulers 0 and 1 started and were joined.
  EXPECT_TRUE(eventually([&] { return os_threads() == threads_before; }))
      << os_threads() << " threads, " << threads_before << " before";
}

TEST_F(SchedulerThreadStartFailureTest, CreateFailsWhenNoSchedulerStarts) {
  const std::size_t threads_before = os_threads();
  platform_.set_thread_start_fault(
      [](std::string_view name) { return starts_with(name, "aion-scheduler-"); });
  auto created = RuntimeHandle::create(platform_, RuntimeConfig::with_schedulers(1));
  ASSERT_TRUE(IsRefusal(created, ErrorKind::kThreadStartFailed));
  EXPECT_EQ(created.error().message,
            std::string("failed to start scheduler thread 0: ") + kInjectedStartFailure);
  EXPECT_TRUE(eventually([&] { return os_threads() == threads_before; }));
}

TEST_F(SchedulerThreadStartFailureTest, PlatformWorksAgainOnceThreadsCanStart) {
  platform_.set_thread_start_fault(
      [](std::string_view name) { return starts_with(name, "aion-scheduler-"); });
  ASSERT_FALSE(RuntimeHandle::create(platform_, RuntimeConfig::with_schedulers(2)).ok());
  platform_.set_thread_start_fault({});
  auto runtime = start_runtime(platform_, RuntimeConfig::with_schedulers(2));
  ASSERT_NE(runtime, nullptr);
  EXPECT_EQ(runtime->counts().runtime_threads_alive, 2u);
  CallbackRecorder recorder;
  auto pid = runtime->spawn(WorkflowProgram{}.complete("ran"));
  ASSERT_TRUE(pid.ok()) << pid.error();
  ASSERT_TRUE(runtime->monitor_process(pid.value(), recorder.callback(pid.value())).ok());
  EXPECT_TRUE(
      HasOutcome(recorder.wait_for(pid.value()) ? recorder.first(pid.value()) : std::nullopt,
                 Completed{"ran"}));
  ASSERT_TRUE(runtime->shutdown().ok());
  EXPECT_EQ(runtime->counts().runtime_threads_alive, 0u);
}

}  // namespace
}  // namespace aion::testing
