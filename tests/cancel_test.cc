// cancel_pid: a live process exits Failed/cancelled (and has left the live
// table when the call returns); a pid that is not live, or never was, is
// refused with an error that says so and names the pid.
#include <gtest/gtest.h>

#include "tests/test_support.h"

namespace aion::testing {
namespace {

using runtime::Completed;
using runtime::ErrorKind;
using runtime::WorkflowProgram;

class CancelTest : public RuntimeTest {};

TEST_F(CancelTest, CancelOfAParkedProcess) {
  const Pid pid = spawn_monitored(WorkflowProgram{}.run_until_cancelled());
  ASSERT_TRUE(runtime_->cancel_pid(pid).ok());
  EXPECT_FALSE(runtime_->is_live(pid)) << "cancel_pid returned before the process left";
  EXPECT_TRUE(HasOutcome(outcome(pid), cancelled(pid)));
}

TEST_F(CancelTest, CancelOfAnAwaitingProcess) {
  const Pid pid = spawn_monitored(WorkflowProgram{}.await_all({1}).complete("never"));
  ASSERT_TRUE(runtime_->cancel_pid(pid).ok());
  EXPECT_FALSE(runtime_->is_live(pid));
  EXPECT_TRUE(HasOutcome(outcome(pid), cancelled(pid)));
}

TEST_F(CancelTest, CancelOfASleepingProcessWakesIt) {
  const Pid pid =
      spawn_monitored(WorkflowProgram{}.sleep(3'600 * platform::kSecond).complete("never"));
  ASSERT_TRUE(runtime_->cancel_pid(pid).ok());
  EXPECT_FALSE(runtime_->is_live(pid));
  EXPECT_TRUE(HasOutcome(outcome(pid), cancelled(pid)));
}

TEST_F(CancelTest, CancelOfAWorkingProcessStopsItAtItsNextStep) {
  const Pid pid = spawn_monitored(WorkflowProgram{}.work(4'000'000'000u).complete("never"));
  ASSERT_TRUE(runtime_->cancel_pid(pid).ok());
  EXPECT_FALSE(runtime_->is_live(pid));
  EXPECT_TRUE(HasOutcome(outcome(pid), cancelled(pid)));
}

TEST_F(CancelTest, CancelBeforeMonitorIsReportedToTheLaterMonitor) {
  const Pid pid = spawn(WorkflowProgram{}.run_until_cancelled());
  ASSERT_TRUE(runtime_->cancel_pid(pid).ok());
  monitor(pid);
  EXPECT_TRUE(HasOutcome(outcome(pid), cancelled(pid)));
}

TEST_F(CancelTest, CancelOfAnExitedProcessIsRefusedAsNotLive) {
  const Pid pid = spawn(WorkflowProgram{}.complete("done"));
  ASSERT_TRUE(eventually([&] { return !runtime_->is_live(pid); }));
  const auto refused = runtime_->cancel_pid(pid);
  ASSERT_TRUE(IsRefusal(refused, ErrorKind::kNotLive));
  EXPECT_TRUE(NamesPid(refused.error().message, pid));
  // The refusal did not change how the process exited.
  monitor(pid);
  EXPECT_TRUE(HasOutcome(outcome(pid), Completed{"done"}));
}

TEST_F(CancelTest, SecondCancelIsRefusedAsNotLive) {
  const Pid pid = spawn_monitored(WorkflowProgram{}.run_until_cancelled());
  ASSERT_TRUE(runtime_->cancel_pid(pid).ok());
  const auto again = runtime_->cancel_pid(pid);
  ASSERT_TRUE(IsRefusal(again, ErrorKind::kNotLive));
  EXPECT_TRUE(NamesPid(again.error().message, pid));
  EXPECT_TRUE(HasOutcome(outcome(pid), cancelled(pid)));
}

TEST_F(CancelTest, CancelOfANeverSpawnedPidIsRefused) {
  const Pid spawned = spawn_monitored(WorkflowProgram{}.run_until_cancelled());
  for (const Pid pid : {Pid{0}, spawned + 1, Pid{9'999}}) {
    const auto refused = runtime_->cancel_pid(pid);
    ASSERT_TRUE(IsRefusal(refused, ErrorKind::kNeverSpawned)) << "pid " << pid;
    EXPECT_NE(refused.error().message.find("never spawned"), std::string::npos) << refused.error();
    EXPECT_TRUE(NamesPid(refused.error().message, pid));
  }
  EXPECT_TRUE(runtime_->is_live(spawned)) << "a refused cancel ended another process";
  ASSERT_TRUE(runtime_->cancel_pid(spawned).ok());
  EXPECT_TRUE(HasOutcome(outcome(spawned), cancelled(spawned)));
}

TEST_F(CancelTest, CancelOnlyEndsThePidItNames) {
  const Pid first = spawn_monitored(WorkflowProgram{}.run_until_cancelled());
  const Pid second = spawn_monitored(WorkflowProgram{}.run_until_cancelled());
  ASSERT_TRUE(runtime_->cancel_pid(second).ok());
  EXPECT_TRUE(HasOutcome(outcome(second), cancelled(second)));
  EXPECT_TRUE(runtime_->is_live(first));
  EXPECT_EQ(recorder_.count(first), 0u);
  ASSERT_TRUE(runtime_->cancel_pid(first).ok());
  EXPECT_TRUE(HasOutcome(outcome(first), cancelled(first)));
}

}  // namespace
}  // namespace aion::testing
