#include "sim/zoo/contract_rules.h"

namespace aion::zoo {
namespace {

using oracle::Invariant;
using oracle::Mark;
using runtime::Defect;

constexpr const char* kSpec = "runtime.md";
constexpr const char* kChoices = "runtime_handle.h";

const ContractRule kRules[] = {
    // Vocabulary.
    {kSpec, "pids are allocated from 1 upwards, monotonically, never reused",
     Invariant::kPidAllocation, {}, Defect::kPidReused, {}},
    {kSpec, "scheduler threads park a process that awaits or sleeps; nothing spins",
     Invariant::kLivelock, {}, Defect::kSchedulerPolls, {}},
    {kSpec, "an exit is published first, and only then does the pid leave the live table",
     Invariant::kExitBeforeLeaving, {}, Defect::kLeaveBeforePublish, {}},
    {kSpec, "keep the exit window: observably exited yet still live for a moment", {},
     Mark::kMonitorInExitWindow, Defect::kNoExitWindow, {}},
    {kSpec, "a process's scheduler thread publishes its exit", Invariant::kExitOnSchedulerThread,
     {}, Defect::kCancelExitsInline, {}},
    {kSpec, "a process exits once", Invariant::kSingleExit, {}, Defect::kCrashPublishesTwice, {}},
    {kSpec, "a process exits as its program says (complete, fail, crash, cancelled)",
     Invariant::kPlausibleExit, {}, Defect::kCrashExitsNormal, {}},
    {kSpec, "the tombstones are a bounded FIFO of recent exits; the oldest are evicted",
     Invariant::kTombstonesFifo, {}, Defect::kTombstoneEvictsNewest, {}},
    {kSpec, "the outcome a monitor reports does not depend on a tombstone surviving",
     Invariant::kNoOperationBlocksForever, {}, Defect::kR7WaitOnTombstone, {}},
    {kSpec, "{ok, V} completes with V; {error, E}, a crash or a cancel is Failed",
     Invariant::kReportedOutcome, {}, Defect::kErrorCompletes, {}},
    {kSpec, "spawn heaps and NIF state are released exactly once",
     Invariant::kReleaseOnce, {}, Defect::kShutdownReleasesAgain, {}},
    {kSpec, "spawn heaps and NIF state are released after the process exited",
     Invariant::kReleaseAfterExit, {}, Defect::kHeapFreedEarly, {}},
    {kSpec, "a pid's resources are released before its monitor's callback runs",
     Invariant::kCleanupBeforeCallback, {}, Defect::kDrainAfterCallback, {}},
    {kSpec, "completions the workflow no longer awaits are drained when it is gone",
     Invariant::kCleanupBeforeCallback, {}, Defect::kR1NoDrain, {}},
    {kSpec, "a workflow awaiting a correlation is woken by its delivery and takes it",
     Invariant::kProgressToEnd, {}, Defect::kDeliveryWakesFirstOnly, {}},
    {kSpec, "completions that arrive after the workflow stopped awaiting them are never taken",
     Invariant::kTakenAsAwaited, {}, Defect::kAwaitAnyTakesLoser, {}},
    {kSpec, "a delivery to an observably exited pid is refused and retains nothing",
     Invariant::kNoRetentionAfterExit, {}, Defect::kR4DeliveryTrustsLiveTable, {}},
    // Operations.
    {kSpec, "is_live is true while the pid is in the live table", Invariant::kLinearizable, {},
     Defect::kIsLiveMeansNotExited, {}},
    {kChoices, "cancel_pid returns once the process exited as cancelled and left the live table",
     Invariant::kCancelTakesEffect, {}, Defect::kCancelReturnsEarly, {}},
    {kSpec, "delivery is atomic with respect to the monitor's drain",
     Invariant::kNoRetentionAfterExit, {}, Defect::kR3DeliveryCheckThenRetain, {}},
    {kSpec, "shutdown joins every thread the runtime started before it returns",
     Invariant::kShutdownCompletes, {}, Defect::kShutdownJoinsLate, {}},
    {kSpec, "after shutdown, later calls are refused", Invariant::kLinearizable, {},
     Defect::kCancelAfterShutdown, {}},
    {kChoices, "shutdown releases everything", Invariant::kNothingHeldAfterShutdown, {},
     Defect::kShutdownKeepsUnmonitored, {}},
    {kSpec, "the introspection counts say what the runtime holds", Invariant::kCountsAreTrue, {},
     Defect::kThreadCountIncludesFinished, {}},
    // monitor_process.
    {kSpec, "a never-spawned pid is refused with 'never spawned' in the message",
     Invariant::kErrorMessage, {}, Defect::kVagueNeverSpawned, {}},
    {kChoices, "a refused pid is left alone: nothing happens to a pid never spawned",
     Invariant::kNeverSpawned, {}, Defect::kRefusalCleansUp, {}},
    {kSpec, "a spawned pid is monitorable whether live, observably exited or gone",
     Invariant::kLinearizable, {}, Defect::kR2MonitorChecksLiveness, {}},
    {kSpec, "the callback runs on the monitor thread aion-workflow-monitor-<pid>",
     Invariant::kCallbackOnMonitorThread, {}, Defect::kCallbackOnCaller, {}},
    {kSpec, "the monitor thread, not a scheduler thread, releases the monitored pid's resources",
     Invariant::kCleanupOnMonitorThread, {}, Defect::kSchedulerFreesHeap, {}},
    {kSpec, "the callback runs outside any runtime lock", Invariant::kCallbackOutsideLocks, {},
     Defect::kCallbackUnderLock, {}},
    {kSpec, "a second monitor on a pid is refused and does not disturb the first",
     Invariant::kOneMonitorPerPid, {}, Defect::kR6DuplicateMonitors, {}},
    {kSpec, "a monitor whose thread cannot start is undone: nothing left running or leaked",
     Invariant::kMonitorInstallTransactional, {}, Defect::kR5NoInstallUndo, {}},
    {kSpec, "an accepted monitor never loses its callback, shutdown or not",
     Invariant::kExactlyOnceCallback, {}, Defect::kR8CallbackDroppedAtShutdown, {}},
    // What must hold in every run.
    {kSpec, "at quiescence nothing is held for an exited pid whose monitor fired",
     Invariant::kNothingHeldAtQuiescence, {}, Defect::kFiredMonitorStaysRegistered, {}},
    {kSpec, "a monitor on a spawned pid fires after the exit within a bounded time",
     Invariant::kNoLostWakeup, {}, Defect::kMonitorChecksThenWaits, {}},
    {kSpec, "the same inputs under the same schedule give the same trace, bit for bit",
     Invariant::kDeterministic, {}, Defect::kNondeterministic, {}},
    // Not judged in simulation.
    {kChoices, "an empty callback is refused with kInvalidArgument", {}, {}, {},
     "argument checking before any lock or thread: no schedule changes it "
     "(tests/monitor_rules_test.cc)"},
    {kChoices, "callbacks must not call shutdown() or throw", {}, {}, {},
     "a rule for callers, not the runtime; the scenario runner's callbacks keep it"},
    {kSpec, "RealPlatform names monitor threads for the OS (15 characters)", {}, {}, {},
     "real threads only (tests/monitor_rules_test.cc)"},
};

std::string cell(std::string_view text) { return std::string(text); }

}  // namespace

std::span<const ContractRule> contract_rules() { return kRules; }

std::string contract_markdown() {
  std::string text =
      "| rule | from | judged by | planted violation |\n"
      "| --- | --- | --- | --- |\n";
  for (const ContractRule& rule : kRules) {
    std::string judged;
    if (rule.invariant == Invariant::kDeterministic) {
      judged = "`deterministic`, every 64th run (every run with `--check-determinism`)";
    } else if (rule.invariant) {
      judged = "`" + cell(oracle::invariant_name(*rule.invariant)) + "`, every run";
    } else if (rule.mark) {
      judged = "mark `" + cell(oracle::mark_name(*rule.mark)) + "`, over a campaign";
    } else {
      judged = "not in simulation: " + cell(rule.not_simulated);
    }
    const std::string planted =
        rule.planted ? "`" + cell(runtime::defect_name(*rule.planted)) + "`: " +
                           cell(runtime::defect_summary(*rule.planted))
                     : "";
    text += "| " + cell(rule.rule) + " | " + cell(rule.source) + " | " + judged + " | " +
            planted + " |\n";
  }
  return text;
}

}  // namespace aion::zoo
