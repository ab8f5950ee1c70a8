// deliver_activity_completion: a completion is retained (and the process
// woken) while the process can still take it, before, during or after its
// await; once the process exited it is refused and nothing is retained; a
// correlation that is already waiting is refused as a duplicate; whatever a
// process never took is drained by its monitor before the callback.
#include <gtest/gtest.h>

#include "tests/test_support.h"

namespace aion::testing {
namespace {

using runtime::Completed;
using runtime::ErrorKind;
using runtime::WorkflowProgram;

class DeliveryTest : public RuntimeTest {};

TEST_F(DeliveryTest, DeliveredBeforeTheAwaitIsRetainedUntilTaken) {
  // The process is stuck at its first await, so correlation 2 arrives before
  // the process awaits it.
  const Pid pid =
      spawn_monitored(WorkflowProgram{}.await_all({1}).await_all({2}).complete_with_taken());
  deliver(pid, 2, "early");
  EXPECT_EQ(retained(), 1u);
  EXPECT_TRUE(runtime_->is_live(pid));
  deliver(pid, 1, "late");
  EXPECT_TRUE(HasOutcome(outcome(pid), Completed{"late,early"}));
  EXPECT_EQ(retained(), 0u);
}

TEST_F(DeliveryTest, DeliveredWhileAwaitingWakesTheProcess) {
  const Pid pid = spawn_monitored(WorkflowProgram{}.await_all({1, 2}).complete_with_taken());
  deliver(pid, 1, "a");
  // Once 1 is taken the process is inside its await, parked on 2.
  ASSERT_TRUE(eventually([&] { return retained() == 0; }));
  EXPECT_TRUE(runtime_->is_live(pid));
  deliver(pid, 2, "b");
  EXPECT_TRUE(HasOutcome(outcome(pid), Completed{"a,b"}));
}

TEST_F(DeliveryTest, DeliveredAfterTheAwaitIsRetainedThenDrainedByTheMonitor) {
  const Pid pid = spawn(WorkflowProgram{}.await_all({1}).run_until_cancelled());
  monitor_probed(pid);
  deliver(pid, 1, "taken");
  ASSERT_TRUE(eventually([&] { return retained() == 0; }));
  // The process no longer awaits anything: a re-delivery of 1 and an unknown
  // correlation are retained for it, never taken.
  deliver(pid, 1, "again");
  deliver(pid, 42, "unasked");
  EXPECT_EQ(retained(), 2u);
  ASSERT_TRUE(runtime_->cancel_pid(pid).ok());
  EXPECT_TRUE(HasOutcome(outcome(pid), cancelled(pid)));
  ASSERT_TRUE(probe(pid).has_value());
  EXPECT_EQ(probe(pid)->counts.retained_completions, 0u) << "not drained before the callback";
  EXPECT_EQ(retained(), 0u);
}

TEST_F(DeliveryTest, DeliveryAfterExitIsRefusedAndRetainsNothing) {
  const Pid pid = spawn(WorkflowProgram{}.complete("done"));
  ASSERT_TRUE(eventually([&] { return !runtime_->is_live(pid); }));
  const auto refused = runtime_->deliver_activity_completion(pid, 1, "too late");
  ASSERT_TRUE(IsRefusal(refused, ErrorKind::kDeliveryRefused));
  EXPECT_TRUE(NamesPid(refused.error().message, pid));
  EXPECT_EQ(retained(), 0u);
  // The same after the monitor consumed the outcome and drained the pid.
  monitor(pid);
  EXPECT_TRUE(HasOutcome(outcome(pid), Completed{"done"}));
  const auto drained = runtime_->deliver_activity_completion(pid, 2, "later still");
  ASSERT_TRUE(IsRefusal(drained, ErrorKind::kDeliveryRefused));
  EXPECT_TRUE(NamesPid(drained.error().message, pid));
  EXPECT_EQ(retained(), 0u);
}

TEST_F(DeliveryTest, DeliveryAfterCancelIsRefused) {
  const Pid pid = spawn_monitored(WorkflowProgram{}.await_all({1}).complete("never"));
  ASSERT_TRUE(runtime_->cancel_pid(pid).ok());
  const auto refused = runtime_->deliver_activity_completion(pid, 1, "late");
  ASSERT_TRUE(IsRefusal(refused, ErrorKind::kDeliveryRefused));
  EXPECT_TRUE(NamesPid(refused.error().message, pid));
  EXPECT_TRUE(HasOutcome(outcome(pid), cancelled(pid)));
  EXPECT_EQ(retained(), 0u);
}

TEST_F(DeliveryTest, DuplicateDeliveryIsRefusedAndTheFirstIsKept) {
  const Pid pid =
      spawn_monitored(WorkflowProgram{}.await_all({2}).await_all({1}).complete_with_taken());
  deliver(pid, 1, "first");
  const auto duplicate = runtime_->deliver_activity_completion(pid, 1, "second");
  ASSERT_TRUE(IsRefusal(duplicate, ErrorKind::kDuplicateDelivery));
  EXPECT_TRUE(NamesPid(duplicate.error().message, pid));
  EXPECT_EQ(retained(), 1u);
  deliver(pid, 2, "x");
  EXPECT_TRUE(HasOutcome(outcome(pid), Completed{"x,first"}));
}

TEST_F(DeliveryTest, SameCorrelationToTwoProcessesIsNotADuplicate) {
  const Pid a = spawn_monitored(WorkflowProgram{}.await_all({1}).complete_with_taken());
  const Pid b = spawn_monitored(WorkflowProgram{}.await_all({1}).complete_with_taken());
  deliver(a, 1, "for a");
  deliver(b, 1, "for b");
  EXPECT_TRUE(HasOutcome(outcome(a), Completed{"for a"}));
  EXPECT_TRUE(HasOutcome(outcome(b), Completed{"for b"}));
}

TEST_F(DeliveryTest, DeliveryToANeverSpawnedPidIsRefused) {
  const Pid spawned = spawn_monitored(WorkflowProgram{}.await_all({1}).complete_with_taken());
  for (const Pid pid : {Pid{0}, spawned + 1, Pid{9'999}}) {
    const auto refused = runtime_->deliver_activity_completion(pid, 1, "lost");
    ASSERT_TRUE(IsRefusal(refused, ErrorKind::kNeverSpawned)) << "pid " << pid;
    EXPECT_TRUE(NamesPid(refused.error().message, pid));
  }
  EXPECT_EQ(retained(), 0u);
  deliver(spawned, 1, "found");
  EXPECT_TRUE(HasOutcome(outcome(spawned), Completed{"found"}));
}

TEST_F(DeliveryTest, CompletionsOfAnUnmonitoredProcessAreReleasedAtShutdown) {
  const Pid pid = spawn(WorkflowProgram{}.run_until_cancelled());
  deliver(pid, 1, "never taken");
  deliver(pid, 2, "nor this");
  EXPECT_EQ(retained(), 2u);
  ASSERT_TRUE(runtime_->shutdown().ok());
  EXPECT_EQ(retained(), 0u);
}

}  // namespace
}  // namespace aion::testing
