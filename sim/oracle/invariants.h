// The invariants: every rule a lifecycle run is judged by, in one table. Each has a name
// (what findings, failure files' `expect` lines and `aionsim invariants` say), a family (the
// checker file that judges it: callbacks, exit and outcome, cleanup, progress, quiescence,
// linearizability) and one line on what it means. What the simulator itself finds about a
// run that cannot finish (a deadlock, a livelock, an exception) is the family `run`.
//
// Adding an invariant is one row here and its check in its family's file;
// sim/oracle/CONTRACT.md maps the contract's rules to these rows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace aion::oracle {

enum class Family : std::uint8_t {
  kCallbacks,
  kExitAndOutcome,
  kCleanup,
  kProgress,
  kQuiescence,
  kLinearizability,
  kRun,
};

// X(id, name, family, meaning)
#define AION_INVARIANTS(X)                                                                      \
  X(kExactlyOnceCallback, "exactly-once-callback", kCallbacks,                                  \
    "every accepted monitor's callback runs exactly once; a refused monitor's never runs")      \
  X(kOneMonitorPerPid, "one-monitor-per-pid", kCallbacks,                                       \
    "at most one monitor of a pid is ever accepted")                                            \
  X(kCallbackOnMonitorThread, "callback-on-monitor-thread", kCallbacks,                         \
    "a callback runs on its pid's monitor thread aion-workflow-monitor-<pid>")                  \
  X(kCallbackOutsideLocks, "callback-outside-locks", kCallbacks,                                \
    "a callback runs holding no runtime lock")                                                  \
  X(kReportedOutcome, "reported-outcome", kCallbacks,                                           \
    "a callback reports the outcome the process had; only a monitor that had not claimed the "  \
    "exit before shutdown began may report the shutdown error instead")                         \
  X(kErrorMessage, "error-message", kCallbacks,                                                 \
    "every error names its process and says why in the words the contract fixes")               \
  X(kPidAllocation, "pid-allocation", kExitAndOutcome,                                          \
    "pids are handed out from 1 upwards, in the order of the spawns, never twice")              \
  X(kNeverSpawned, "never-spawned", kExitAndOutcome,                                            \
    "the runtime reports nothing about a pid it never spawned")                                 \
  X(kSingleExit, "single-exit", kExitAndOutcome,                                                \
    "a process's exit is published once, and it leaves the live table once")                    \
  X(kExitBeforeLeaving, "exit-before-leaving-live-table", kExitAndOutcome,                      \
    "a process's exit is published before it leaves the live table")                            \
  X(kExitOnSchedulerThread, "exit-on-scheduler-thread", kExitAndOutcome,                        \
    "a process's exit is published by a scheduler thread, a shutdown's by the thread that "     \
    "shuts down")                                                                               \
  X(kPlausibleExit, "plausible-exit", kExitAndOutcome,                                          \
    "a process exits as its program and what the run did to it allow")                          \
  X(kTombstonesFifo, "tombstones-fifo", kExitAndOutcome,                                        \
    "the tombstones keep the most recent exits and evict the oldest first")                     \
  X(kTakenAsAwaited, "completion-taken-as-awaited", kExitAndOutcome,                            \
    "a process takes only completions it awaits that were delivered to it, each once, and no "  \
    "race loser")                                                                               \
  X(kReleaseAfterExit, "release-after-exit", kCleanup,                                          \
    "heaps, NIF state and completions of a pid are released only after its exit was "           \
    "published")                                                                                \
  X(kReleaseOnce, "release-once", kCleanup,                                                     \
    "a pid's heap and NIF state are released at most once")                                     \
  X(kCleanupBeforeCallback, "cleanup-before-callback", kCleanup,                                \
    "a pid's heap, NIF state and completions are released before its callback runs")            \
  X(kCleanupOnMonitorThread, "cleanup-on-monitor-thread", kCleanup,                             \
    "a monitored pid's resources are released by its monitor thread")                           \
  X(kNoRetentionAfterExit, "no-retention-after-exit", kCleanup,                                 \
    "nothing is retained for a pid once its exit was published")                                \
  X(kMonitorInstallTransactional, "monitor-install-transactional", kCleanup,                    \
    "a monitor whose thread could not start leaves its process exited and its cleanup owned "   \
    "when the call returns")                                                                    \
  X(kCancelTakesEffect, "cancel-takes-effect", kProgress,                                       \
    "a cancel that returned ok had its process exit as cancelled and leave the live table "     \
    "first")                                                                                    \
  X(kProgressToEnd, "progress", kProgress,                                                      \
    "at quiescence every process whose program could only run to its end has exited")           \
  X(kNoLostWakeup, "no-lost-wakeup", kProgress,                                                 \
    "at quiescence no monitor still waits on a process that exited")                            \
  X(kShutdownCompletes, "shutdown-completes", kProgress,                                        \
    "when shutdown returns, every accepted monitor has fired and every thread the runtime "     \
    "started was joined")                                                                       \
  X(kNothingHeldAtQuiescence, "nothing-held-at-quiescence", kQuiescence,                        \
    "at quiescence the runtime holds a monitor and a thread for exactly the accepted monitors " \
    "that have not fired, and its schedulers")                                                  \
  X(kCountsAreTrue, "counts-are-true", kQuiescence,                                             \
    "every introspection count is what the run's events say the runtime holds, whenever it "    \
    "is read")                                                                                  \
  X(kNothingHeldAfterShutdown, "nothing-held-after-shutdown", kQuiescence,                      \
    "after shutdown the runtime holds nothing")                                                 \
  X(kLinearizable, "linearizable", kLinearizability,                                            \
    "some sequential order of the operations, against a model of the lifecycle, explains "      \
    "every result")                                                                             \
  X(kNoOperationBlocksForever, "no-operation-blocks-forever", kRun,                             \
    "the run does not deadlock: some thread can always go on")                                  \
  X(kLivelock, "livelock", kRun,                                                                \
    "threads do not keep running without progress while they are scheduled fairly")             \
  X(kLongRun, "long-run", kRun,                                                                 \
    "the run finishes within its step budget (a run still progressing at the budget is long, "  \
    "not wrong)")                                                                               \
  X(kStepBudget, "step-budget", kRun, "the run finishes within its step budget")                \
  X(kTimeBudget, "time-budget", kRun, "the run finishes within its virtual time budget")        \
  X(kNoException, "no-exception", kRun, "no exception escapes a simulated thread")              \
  X(kCheck, "check", kRun, "simulated code uses the platform correctly and its checks hold")    \
  X(kReplayDivergence, "replay-divergence", kRun,                                               \
    "a strict replay follows its recorded schedule to the end")                                 \
  X(kDeterministic, "deterministic", kRun,                                                      \
    "the same case run twice gives the same trace, event for event")                           \
  X(kCrashed, "crashed", kRun,                                                                 \
    "the code under test does not end its process (a signal, an abort, a sanitizer report)")   \
  X(kHung, "hung", kRun, "every run reaches its next scheduling point within the watchdog's time")

enum class Invariant : std::uint8_t {
#define AION_INVARIANT_ID(id, name, family, meaning) id,
  AION_INVARIANTS(AION_INVARIANT_ID)
#undef AION_INVARIANT_ID
};

inline constexpr std::size_t kInvariantCount = 0
#define AION_INVARIANT_ONE(id, name, family, meaning) +1
    AION_INVARIANTS(AION_INVARIANT_ONE)
#undef AION_INVARIANT_ONE
    ;

struct InvariantInfo {
  Invariant invariant;
  std::string_view name;
  Family family;
  std::string_view meaning;
};

std::span<const InvariantInfo> all_invariants();
const InvariantInfo& info(Invariant invariant);
std::string_view invariant_name(Invariant invariant);
std::optional<Invariant> invariant_from_name(std::string_view name);
std::string_view family_name(Family family);

// The table as a Markdown list grouped by family, for the README (a test keeps them equal).
std::string markdown_list();

}  // namespace aion::oracle
