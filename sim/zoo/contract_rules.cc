#include "sim/zoo/contract_rules.h"

namespace aion::zoo {
namespace {

using oracle::Invariant;
using oracle::Mark;
using runtime::Defect;

constexpr const char* kSpec = "runtime.md";
constexpr const char* kChoices = "runtime_handle.h";

// Judged in every run by `invariant`; `planted` breaks it.
constexpr ContractRule judged(std::string_view source, std::string_view rule, Invariant invariant,
                              Defect planted) {
  return {source, rule, invariant, {}, planted, {}};
}

// Judged over a campaign, which must reach `mark`; `planted` makes it unreachable.
constexpr ContractRule over_a_campaign(std::string_view source, std::string_view rule, Mark mark,
                                       Defect planted) {
  return {source, rule, {}, mark, planted, {}};
}

constexpr ContractRule not_simulated(std::string_view source, std::string_view rule,
                                     std::string_view why) {
  return {source, rule, {}, {}, {}, why};
}

const ContractRule kRules[] = {
    // Vocabulary.
    judged(kSpec, "pids are allocated from 1 upwards, monotonically, never reused",
           Invariant::kPidAllocation, Defect::kPidReused),
    judged(kSpec, "scheduler threads park a process that awaits or sleeps; nothing spins",
           Invariant::kLivelock, Defect::kSchedulerPolls),
    judged(kSpec, "an exit is published first, and only then does the pid leave the live table",
           Invariant::kExitBeforeLeaving, Defect::kLeaveBeforePublish),
    over_a_campaign(kSpec, "keep the exit window: observably exited yet still live for a moment",
                    Mark::kMonitorInExitWindow, Defect::kNoExitWindow),
    judged(kSpec, "a process's scheduler thread publishes its exit",
           Invariant::kExitOnSchedulerThread, Defect::kCancelExitsInline),
    judged(kSpec, "a process exits once", Invariant::kSingleExit, Defect::kCrashPublishesTwice),
    judged(kSpec, "a process exits as its program says (complete, fail, crash, cancelled)",
           Invariant::kPlausibleExit, Defect::kCrashExitsNormal),
    judged(kSpec, "the tombstones are a bounded FIFO of recent exits; the oldest are evicted",
           Invariant::kTombstonesFifo, Defect::kTombstoneEvictsNewest),
    judged(kSpec, "the outcome a monitor reports does not depend on a tombstone surviving",
           Invariant::kNoOperationBlocksForever, Defect::kR7WaitOnTombstone),
    judged(kSpec, "{ok, V} completes with V; {error, E}, a crash or a cancel is Failed",
           Invariant::kReportedOutcome, Defect::kErrorCompletes),
    judged(kSpec, "spawn heaps and NIF state are released exactly once", Invariant::kReleaseOnce,
           Defect::kShutdownReleasesAgain),
    judged(kSpec, "spawn heaps and NIF state are released after the process exited",
           Invariant::kReleaseAfterExit, Defect::kHeapFreedEarly),
    judged(kSpec, "a pid's resources are released before its monitor's callback runs",
           Invariant::kCleanupBeforeCallback, Defect::kDrainAfterCallback),
    judged(kSpec, "completions the workflow no longer awaits are drained when it is gone",
           Invariant::kCleanupBeforeCallback, Defect::kR1NoDrain),
    judged(kSpec, "a workflow awaiting a correlation is woken by its delivery and takes it",
           Invariant::kProgressToEnd, Defect::kDeliveryWakesFirstOnly),
    judged(kSpec,
           "completions that arrive after the workflow stopped awaiting them are never taken",
           Invariant::kTakenAsAwaited, Defect::kExitTakesLeftovers),
    judged(kSpec, "a delivery to an observably exited pid is refused and retains nothing",
           Invariant::kNoRetentionAfterExit, Defect::kR4DeliveryTrustsLiveTable),
    // Operations.
    judged(kSpec, "is_live is true while the pid is in the live table", Invariant::kLinearizable,
           Defect::kIsLiveMeansNotExited),
    judged(kChoices,
           "cancel_pid returns once the process exited as cancelled and left the live table",
           Invariant::kCancelTakesEffect, Defect::kCancelReturnsEarly),
    judged(kSpec, "delivery is atomic with respect to the monitor's drain",
           Invariant::kNoRetentionAfterExit, Defect::kR3DeliveryCheckThenRetain),
    judged(kSpec, "shutdown joins every thread the runtime started before it returns",
           Invariant::kShutdownCompletes, Defect::kShutdownJoinsLate),
    judged(kSpec, "after shutdown, later calls are refused", Invariant::kLinearizable,
           Defect::kCancelAfterShutdown),
    judged(kChoices, "shutdown releases everything", Invariant::kNothingHeldAfterShutdown,
           Defect::kShutdownKeepsUnmonitored),
    judged(kSpec, "the introspection counts say what the runtime holds", Invariant::kCountsAreTrue,
           Defect::kThreadCountIncludesFinished),
    // monitor_process.
    judged(kSpec, "a never-spawned pid is refused with 'never spawned' in the message",
           Invariant::kErrorMessage, Defect::kVagueNeverSpawned),
    judged(kChoices, "a refused pid is left alone: nothing happens to a pid never spawned",
           Invariant::kNeverSpawned, Defect::kRefusalCleansUp),
    judged(kSpec, "a spawned pid is monitorable whether live, observably exited or gone",
           Invariant::kLinearizable, Defect::kR2MonitorChecksLiveness),
    judged(kSpec, "the callback runs on the monitor thread aion-workflow-monitor-<pid>",
           Invariant::kCallbackOnMonitorThread, Defect::kCallbackOnCaller),
    judged(kSpec,
           "the monitor thread, not a scheduler thread, releases the monitored pid's resources",
           Invariant::kCleanupOnMonitorThread, Defect::kSchedulerFreesHeap),
    judged(kSpec, "the callback runs outside any runtime lock", Invariant::kCallbackOutsideLocks,
           Defect::kCallbackUnderLock),
    judged(kSpec, "a second monitor on a pid is refused and does not disturb the first",
           Invariant::kOneMonitorPerPid, Defect::kR6DuplicateMonitors),
    judged(kSpec, "a monitor whose thread cannot start is undone: nothing left running or leaked",
           Invariant::kMonitorInstallTransactional, Defect::kR5NoInstallUndo),
    judged(kSpec, "an accepted monitor never loses its callback, shutdown or not",
           Invariant::kExactlyOnceCallback, Defect::kR8CallbackDroppedAtShutdown),
    // What must hold in every run.
    judged(kSpec, "at quiescence nothing is held for an exited pid whose monitor fired",
           Invariant::kNothingHeldAtQuiescence, Defect::kFiredMonitorStaysRegistered),
    judged(kSpec, "a monitor on a spawned pid fires after the exit within a bounded time",
           Invariant::kNoLostWakeup, Defect::kMonitorChecksThenWaits),
    judged(kSpec, "the same inputs under the same schedule give the same trace, bit for bit",
           Invariant::kDeterministic, Defect::kNondeterministic),
    // Not judged in simulation.
    not_simulated(kChoices, "an empty callback is refused with kInvalidArgument",
                  "argument checking before any lock or thread: no schedule changes it "
                  "(tests/monitor_rules_test.cc)"),
    not_simulated(kChoices, "callbacks must not call shutdown() or throw",
                  "a rule for callers, not the runtime; the scenario runner's callbacks keep it"),
    not_simulated(kSpec, "RealPlatform names monitor threads for the OS (15 characters)",
                  "real threads only (tests/monitor_rules_test.cc)"),
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
    const std::string planted = rule.planted
                                    ? "`" + cell(runtime::defect_name(*rule.planted)) +
                                          "`: " + cell(runtime::defect_summary(*rule.planted))
                                    : "";
    text += "| " + cell(rule.rule) + " | " + cell(rule.source) + " | " + judged + " | " + planted +
            " |\n";
  }
  return text;
}

}  // namespace aion::zoo
