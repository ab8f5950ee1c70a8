// Each workflow program shape ends in the outcome the contract gives it, as
// its monitor reports it: {ok, V} completes with V; an error result, a crash
// and a cancellation are failures with their details.
#include <gtest/gtest.h>

#include <chrono>
#include <limits>

#include "tests/test_support.h"

namespace aion::testing {
namespace {

using runtime::Completed;
using runtime::WorkflowProgram;

class ProgramOutcomeTest : public RuntimeTest {};

TEST_F(ProgramOutcomeTest, CompleteReportsCompletedWithItsValue) {
  const Pid pid = spawn_monitored(WorkflowProgram{}.complete("V"));
  EXPECT_TRUE(HasOutcome(outcome(pid), Completed{"V"}));
}

TEST_F(ProgramOutcomeTest, FailReportsFailedWithTheReason) {
  const Pid pid = spawn_monitored(WorkflowProgram{}.fail("invalid order"));
  EXPECT_TRUE(HasOutcome(outcome(pid), returned_error(pid, "invalid order")));
}

TEST_F(ProgramOutcomeTest, CrashReportsFailedCrashedWithTheVmError) {
  const Pid pid = spawn_monitored(WorkflowProgram{}.crash("badarith"));
  EXPECT_TRUE(HasOutcome(outcome(pid), crashed(pid, "badarith")));
}

// A VM error is a crash whatever its text, even one that reads like an exit reason.
TEST_F(ProgramOutcomeTest, CrashNamedLikeAnExitReasonIsStillACrash) {
  for (const char* error : {"normal", "cancelled", "shutdown"}) {
    const Pid pid = spawn_monitored(WorkflowProgram{}.crash(error));
    EXPECT_TRUE(HasOutcome(outcome(pid), crashed(pid, error))) << error;
  }
}

// A sleep longer than the clock can count parks the process; it still cancels.
TEST_F(ProgramOutcomeTest, EndlessSleepParksUntilCancelled) {
  const Pid pid =
      spawn_monitored(WorkflowProgram{}.sleep(std::numeric_limits<platform::Nanos>::max()));
  EXPECT_TRUE(runtime_->is_live(pid));
  ASSERT_TRUE(runtime_->cancel_pid(pid).ok());
  EXPECT_TRUE(HasOutcome(outcome(pid), cancelled(pid)));
}

TEST_F(ProgramOutcomeTest, CancelledProcessReportsFailedCancelled) {
  const Pid pid = spawn_monitored(WorkflowProgram{}.run_until_cancelled());
  EXPECT_TRUE(runtime_->is_live(pid)) << "a process that runs until cancelled exited by itself";
  ASSERT_TRUE(runtime_->cancel_pid(pid).ok());
  EXPECT_TRUE(HasOutcome(outcome(pid), cancelled(pid)));
}

TEST_F(ProgramOutcomeTest, TestProcessRunsUntilCancelled) {
  auto pid = runtime_->spawn_test_process();
  ASSERT_TRUE(pid.ok()) << pid.error();
  monitor(pid.value());
  EXPECT_TRUE(runtime_->is_live(pid.value()));
  EXPECT_EQ(recorder_.count(pid.value()), 0u);
  ASSERT_TRUE(runtime_->cancel_pid(pid.value()).ok());
  EXPECT_TRUE(HasOutcome(outcome(pid.value()), cancelled(pid.value())));
}

TEST_F(ProgramOutcomeTest, WorkOverManySlicesThenComplete) {
  // 4 reductions per slice: 1,000 reductions take 250 trips through the run queue.
  const Pid pid = spawn_monitored(WorkflowProgram{}.work(1'000).complete("worked"));
  EXPECT_TRUE(HasOutcome(outcome(pid), Completed{"worked"}));
}

TEST_F(ProgramOutcomeTest, WorkOfZeroReductionsIsAnEmptyStep) {
  const Pid pid = spawn_monitored(WorkflowProgram{}.work(0).work(3).complete("done"));
  EXPECT_TRUE(HasOutcome(outcome(pid), Completed{"done"}));
}

TEST_F(ProgramOutcomeTest, SleepParksForItsDurationThenContinues) {
  const auto before = std::chrono::steady_clock::now();
  const Pid pid = spawn(WorkflowProgram{}.sleep(50 * platform::kMillisecond).complete("rested"));
  monitor_probed(pid);
  EXPECT_TRUE(HasOutcome(outcome(pid), Completed{"rested"}));
  // A lower bound only: the process cannot wake before its timer.
  ASSERT_TRUE(probe(pid).has_value());
  EXPECT_GE(probe(pid)->at - before, std::chrono::milliseconds(50));
}

TEST_F(ProgramOutcomeTest, SleepersWakeOnTheirOwnTimers) {
  const Pid slow =
      spawn_monitored(WorkflowProgram{}.sleep(80 * platform::kMillisecond).complete("slow"));
  const Pid fast =
      spawn_monitored(WorkflowProgram{}.sleep(5 * platform::kMillisecond).complete("fast"));
  EXPECT_TRUE(HasOutcome(outcome(fast), Completed{"fast"}));
  EXPECT_TRUE(HasOutcome(outcome(slow), Completed{"slow"}));
}

TEST_F(ProgramOutcomeTest, AwaitAllTakesEveryCompletionInDeliveryOrder) {
  const Pid pid = spawn_monitored(WorkflowProgram{}.await_all({1, 2}).complete_with_taken());
  deliver(pid, 2, "b");
  // Taken, not drained: the process cannot exit without correlation 1.
  ASSERT_TRUE(eventually([&] { return retained() == 0; })) << "completion 2 was never taken";
  EXPECT_TRUE(runtime_->is_live(pid)) << "await_all went on with a correlation missing";
  EXPECT_EQ(recorder_.count(pid), 0u);
  deliver(pid, 1, "a");
  EXPECT_TRUE(HasOutcome(outcome(pid), Completed{"b,a"}));
}

TEST_F(ProgramOutcomeTest, AwaitAnyLoserIsRetainedThenDrainedBeforeTheCallback) {
  const Pid pid = spawn(WorkflowProgram{}.await_any({1, 2}).await_all({3}).complete_with_taken());
  monitor_probed(pid);
  deliver(pid, 1, "a");
  deliver(pid, 2, "b");
  // Correlation 1 wins (it is first in the race and was delivered first);
  // 2 is a loser that nothing will ever take: it stays retained.
  ASSERT_TRUE(eventually([&] { return retained() == 1; }));
  EXPECT_TRUE(runtime_->is_live(pid));
  deliver(pid, 3, "c");
  EXPECT_TRUE(HasOutcome(outcome(pid), Completed{"a,c"}));
  ASSERT_TRUE(probe(pid).has_value());
  EXPECT_EQ(probe(pid)->counts.retained_completions, 0u)
      << "the loser was not drained before the callback";
  EXPECT_EQ(retained(), 0u);
}

TEST_F(ProgramOutcomeTest, AwaitAnyWithBothAlreadyRetainedTakesTheFirstListed) {
  // Both completions wait before the race starts: the one listed first wins.
  const Pid pid = spawn_monitored(
      WorkflowProgram{}.await_all({9}).await_any({5, 4}).await_all({7}).complete_with_taken());
  deliver(pid, 4, "four");
  deliver(pid, 5, "five");
  EXPECT_EQ(retained(), 2u);
  deliver(pid, 9, "nine");
  ASSERT_TRUE(eventually([&] { return retained() == 1; }));
  deliver(pid, 7, "seven");
  EXPECT_TRUE(HasOutcome(outcome(pid), Completed{"nine,five,seven"}));
}

TEST_F(ProgramOutcomeTest, CompleteWithTakenJoinsPayloadsInTakeOrder) {
  const Pid pid =
      spawn(WorkflowProgram{}.await_all({7}).await_all({5}).await_all({6}).complete_with_taken());
  // Delivered out of step order, before the process reaches those awaits:
  // each is taken at its own step.
  deliver(pid, 6, "z");
  deliver(pid, 5, "y");
  deliver(pid, 7, "x");
  monitor(pid);
  EXPECT_TRUE(HasOutcome(outcome(pid), Completed{"x,y,z"}));
}

TEST_F(ProgramOutcomeTest, CompleteWithTakenAndNothingTakenIsEmpty) {
  const Pid pid = spawn_monitored(WorkflowProgram{}.work(2).complete_with_taken());
  EXPECT_TRUE(HasOutcome(outcome(pid), Completed{""}));
}

TEST_F(ProgramOutcomeTest, ProgramThatRunsOffItsEndCompletesEmpty) {
  const Pid empty = spawn_monitored(WorkflowProgram{});
  const Pid worked = spawn_monitored(WorkflowProgram{}.work(5));
  EXPECT_TRUE(HasOutcome(outcome(empty), Completed{""}));
  EXPECT_TRUE(HasOutcome(outcome(worked), Completed{""}));
}

TEST_F(ProgramOutcomeTest, StepsAfterATerminalStepNeverRun) {
  const Pid completed = spawn_monitored(WorkflowProgram{}.complete("first").fail("never"));
  const Pid failed = spawn_monitored(WorkflowProgram{}.fail("first").complete("never"));
  const Pid crashed_pid = spawn_monitored(WorkflowProgram{}.crash("undef").complete("never"));
  EXPECT_TRUE(HasOutcome(outcome(completed), Completed{"first"}));
  EXPECT_TRUE(HasOutcome(outcome(failed), returned_error(failed, "first")));
  EXPECT_TRUE(HasOutcome(outcome(crashed_pid), crashed(crashed_pid, "undef")));
}

TEST_F(ProgramOutcomeTest, OutcomeOfOneProcessIsNotAnother) {
  const Pid a = spawn_monitored(WorkflowProgram{}.work(7).complete("a"));
  const Pid b = spawn_monitored(WorkflowProgram{}.work(3).fail("b"));
  const Pid c = spawn_monitored(WorkflowProgram{}.complete("c"));
  EXPECT_TRUE(HasOutcome(outcome(a), Completed{"a"}));
  EXPECT_TRUE(HasOutcome(outcome(b), returned_error(b, "b")));
  EXPECT_TRUE(HasOutcome(outcome(c), Completed{"c"}));
}

}  // namespace
}  // namespace aion::testing
