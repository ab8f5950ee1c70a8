// shutdown(): every accepted monitor that has not fired fires exactly once
// (before shutdown returns) with a kShutDown error that names its pid; every
// thread the runtime started is joined; nothing stays held; every later call
// is refused with kShutDown.
#include <gtest/gtest.h>

#include <vector>

#include "tests/test_support.h"

namespace aion::testing {
namespace {

using runtime::Completed;
using runtime::ErrorKind;
using runtime::RuntimeConfig;
using runtime::RuntimeCounts;
using runtime::WorkflowProgram;

class ShutdownTest : public RuntimeTest {
 protected:
  RuntimeConfig config() const override { return RuntimeConfig::with_schedulers(3); }
};

TEST_F(ShutdownTest, PendingMonitorsFireOnceWithAShutDownError) {
  std::vector<Pid> pending;
  for (int i = 0; i < 4; ++i) pending.push_back(spawn(WorkflowProgram{}.run_until_cancelled()));
  pending.push_back(spawn(WorkflowProgram{}.await_all({1, 2}).complete_with_taken()));
  pending.push_back(spawn(WorkflowProgram{}.sleep(3'600 * platform::kSecond).complete("never")));
  pending.push_back(spawn(WorkflowProgram{}.await_any({5, 6}).complete("never")));
  deliver(pending[4], 2, "half");
  deliver(pending[5], 3, "unasked");
  for (const Pid pid : pending) monitor(pid);
  EXPECT_EQ(runtime_->counts().monitors_pending, pending.size());

  ASSERT_TRUE(runtime_->shutdown().ok());
  // shutdown() joined the monitor threads: every callback already ran.
  for (const Pid pid : pending) {
    EXPECT_EQ(recorder_.count(pid), 1u) << "process " << pid;
    EXPECT_TRUE(IsError(recorder_.first(pid), ErrorKind::kShutDown, pid));
  }
  const RuntimeCounts counts = runtime_->counts();
  EXPECT_EQ(counts, quiescent_counts(counts, 0));
  EXPECT_EQ(counts.runtime_threads_alive, 0u);
  for (const Pid pid : pending) EXPECT_FALSE(runtime_->is_live(pid));
}

TEST_F(ShutdownTest, JoinsEveryThreadItStarted) {
  // Taken after SetUp started the schedulers: they must be gone too.
  const std::size_t threads_with_schedulers = os_threads();
  for (int i = 0; i < 5; ++i) monitor(spawn(WorkflowProgram{}.run_until_cancelled()));
  EXPECT_EQ(os_threads(), threads_with_schedulers + 5);
  ASSERT_TRUE(runtime_->shutdown().ok());
  EXPECT_TRUE(eventually([&] { return os_threads() == threads_with_schedulers - 3; }))
      << os_threads() << " threads, " << threads_with_schedulers << " with the schedulers";
}

TEST_F(ShutdownTest, MonitorThatAlreadyFiredDoesNotFireAgain) {
  const Pid done = spawn_monitored(WorkflowProgram{}.complete("done"));
  EXPECT_TRUE(HasOutcome(outcome(done), Completed{"done"}));
  const Pid pending = spawn_monitored(WorkflowProgram{}.run_until_cancelled());
  ASSERT_TRUE(runtime_->shutdown().ok());
  EXPECT_EQ(recorder_.count(done), 1u);
  EXPECT_TRUE(HasOutcome(recorder_.first(done), Completed{"done"}));
  EXPECT_EQ(recorder_.count(pending), 1u);
  EXPECT_TRUE(IsError(recorder_.first(pending), ErrorKind::kShutDown, pending));
}

TEST_F(ShutdownTest, UnmonitoredProcessesAreReleased) {
  const Pid exited = spawn(WorkflowProgram{}.complete("nobody asked"));
  const Pid parked = spawn(WorkflowProgram{}.run_until_cancelled());
  deliver(parked, 1, "retained");
  ASSERT_TRUE(eventually([&] { return !runtime_->is_live(exited); }));
  RuntimeCounts before = runtime_->counts();
  EXPECT_EQ(before.ledger_entries, 2u);
  EXPECT_EQ(before.spawn_heaps_held, 2u);
  ASSERT_TRUE(runtime_->shutdown().ok());
  const RuntimeCounts counts = runtime_->counts();
  EXPECT_EQ(counts, quiescent_counts(counts, 0));
}

TEST_F(ShutdownTest, LaterCallsAreRefused) {
  const Pid parked = spawn_monitored(WorkflowProgram{}.run_until_cancelled());
  const Pid exited = spawn(WorkflowProgram{}.complete("x"));
  ASSERT_TRUE(eventually([&] { return !runtime_->is_live(exited); }));
  ASSERT_TRUE(runtime_->shutdown().ok());

  EXPECT_TRUE(IsRefusal(runtime_->spawn(WorkflowProgram{}.complete("late")), ErrorKind::kShutDown));
  EXPECT_TRUE(IsRefusal(runtime_->spawn_test_process(), ErrorKind::kShutDown));
  for (const Pid pid : {parked, exited}) {
    const auto cancel = runtime_->cancel_pid(pid);
    ASSERT_TRUE(IsRefusal(cancel, ErrorKind::kShutDown));
    EXPECT_TRUE(NamesPid(cancel.error().message, pid));
    const auto delivery = runtime_->deliver_activity_completion(pid, 1, "late");
    ASSERT_TRUE(IsRefusal(delivery, ErrorKind::kShutDown));
    EXPECT_TRUE(NamesPid(delivery.error().message, pid));
    CallbackRecorder late;
    const auto monitor = runtime_->monitor_process(pid, late.callback(pid));
    ASSERT_TRUE(IsRefusal(monitor, ErrorKind::kShutDown));
    EXPECT_TRUE(NamesPid(monitor.error().message, pid));
    EXPECT_EQ(late.callbacks_held(), 0);
    EXPECT_FALSE(runtime_->is_live(pid));
  }
  EXPECT_TRUE(IsRefusal(runtime_->shutdown(), ErrorKind::kShutDown));
  EXPECT_EQ(recorder_.count(parked), 1u);
  const RuntimeCounts counts = runtime_->counts();
  EXPECT_EQ(counts, quiescent_counts(counts, 0));
}

TEST_F(ShutdownTest, CallbacksMayUseTheRuntimeWhileItShutsDown) {
  const Pid pid = spawn(WorkflowProgram{}.run_until_cancelled());
  std::optional<runtime::ErrorKind> spawn_inside;
  monitor(pid, [&] {
    (void)runtime_->counts();
    auto inner = runtime_->spawn(WorkflowProgram{}.complete("inner"));
    spawn_inside = inner.ok() ? std::nullopt : std::optional(inner.error().kind);
  });
  ASSERT_TRUE(runtime_->shutdown().ok());
  EXPECT_TRUE(IsError(recorder_.first(pid), ErrorKind::kShutDown, pid));
  EXPECT_EQ(spawn_inside, ErrorKind::kShutDown);
}

TEST(ShutdownByDestructorTest, DestroyingTheRuntimeFiresPendingMonitors) {
  platform::RealPlatform platform;
  CallbackRecorder recorder;
  Pid pid = runtime::kNoPid;
  {
    auto runtime = start_runtime(platform, RuntimeConfig::with_schedulers(2));
    ASSERT_NE(runtime, nullptr);
    auto spawned = runtime->spawn_test_process();
    ASSERT_TRUE(spawned.ok()) << spawned.error();
    pid = spawned.value();
    ASSERT_TRUE(runtime->monitor_process(pid, recorder.callback(pid)).ok());
  }
  EXPECT_EQ(recorder.count(pid), 1u);
  EXPECT_TRUE(IsError(recorder.first(pid), ErrorKind::kShutDown, pid));
  EXPECT_EQ(recorder.callbacks_held(), 0);
}

}  // namespace
}  // namespace aion::testing
