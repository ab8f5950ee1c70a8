// RuntimeDefects: bugs that can be switched on, one by one, to show that the
// harness finds them. All are off by default, and then the runtime is exactly
// the correct one. Each lives in the code where it would live, written as the
// code a competent engineer could have shipped.
//
// The first eight are the race classes of ../shared/spec/race-classes.md (the
// bug zoo, R1-R8). Then each of the contract violations breaks one rule of the
// contract (sim/oracle/CONTRACT.md says which, and which invariant finds it).
// Last, the crashes: code that ends its process (a segmentation fault, an abort,
// a stack overflow) or never reaches its next scheduling point, which only an
// isolated run survives (they are how the harness's isolation is tested).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace aion::runtime {

enum class Defect : std::uint8_t {
  kR1NoDrain,  // the monitor releases heaps and NIF state but never drains completions
  kR2MonitorChecksLiveness,      // monitor_process accepts only pids still in the live table
  kR3DeliveryCheckThenRetain,    // delivery decides liveness, unlocks, then retains
  kR4DeliveryTrustsLiveTable,    // delivery tests is_live, not whether the exit was published
  kR5NoInstallUndo,              // a monitor thread that cannot start leaves its process unowned
  kR6DuplicateMonitors,          // a second monitor on a pid is accepted
  kR7WaitOnTombstone,            // the monitor waits for the pid's tombstone, which churn evicts
  kR8CallbackDroppedAtShutdown,  // a claimed callback is dropped once shutdown has begun
  // Contract violations.
  kCallbackOnCaller,             // a monitor on an exited pid runs its callback on the caller
  kCallbackUnderLock,            // the callback runs inside the monitor's last critical section
  kErrorCompletes,               // a returned {error, E} is reported as Completed{E}
  kVagueNeverSpawned,            // the never-spawned refusal says "unknown pid"
  kPidReused,                    // a pid whose outcome was reported is handed out again
  kCrashPublishesTwice,          // a crash step falls through to the end of the program
  kLeaveBeforePublish,           // the pid leaves the live table before its exit is published
  kCancelExitsInline,            // cancel_pid exits a parked process on the caller's thread
  kCrashExitsNormal,             // a crash is published as a normal return
  kTombstoneEvictsNewest,        // a full tombstone FIFO evicts its newest entry
  kExitTakesLeftovers,           // a process takes the completions left for it as it exits
  kHeapFreedEarly,               // the monitor frees the spawn heap before the exit
  kShutdownReleasesAgain,        // shutdown releases every pid's heap and NIF state, to be safe
  kDrainAfterCallback,           // completions are drained after the callback
  kSchedulerFreesHeap,           // the scheduler frees the spawn heap at exit
  kCancelReturnsEarly,           // cancel_pid returns before the process is gone
  kDeliveryWakesFirstOnly,       // a delivery wakes a process only for its first awaited id
  kMonitorChecksThenWaits,       // the monitor checks for the exit, lets go, then waits
  kSchedulerPolls,               // an idle scheduler thread polls the run queue
  kShutdownJoinsLate,            // shutdown leaves monitor threads to the destructor
  kFiredMonitorStaysRegistered,  // a monitor stays registered after its callback
  kThreadCountIncludesFinished,  // counts() counts monitor threads that have finished
  kShutdownKeepsUnmonitored,     // shutdown leaves unmonitored exited pids' resources
  kIsLiveMeansNotExited,         // is_live is false from the exit's publication on
  kCancelAfterShutdown,          // cancel_pid forgets to refuse once shut down
  kNondeterministic,             // the runtime keeps a counter across instances
  kNoExitWindow,                 // the exit and leaving the live table are one critical section
  kRefusalCleansUp,              // a never-spawned refusal "cleans up" the pid anyway
  // Crashes.
  kCrashSegfault,       // recent_exit dereferences a tombstone that is not there
  kCrashAbort,          // cancelling a pid that is not live fails an assertion
  kCrashStackOverflow,  // is_live of a pid never spawned recurses for ever
  kSpinWithoutYield,    // a delivery to an exited pid waits for it to come back, spinning
};

// The race classes of the bug zoo come first.
inline constexpr int kRaceClassCount = 8;
inline constexpr int kDefectCount = 40;
// The crashes are the last four.
inline constexpr int kFirstCrash = 36;

// "R1".."R8", or the contract violation's kebab-case name.
std::string_view defect_name(Defect defect);
std::optional<Defect> defect_from_name(std::string_view name);
// One line on what the defect does.
std::string_view defect_summary(Defect defect);
bool is_race_class(Defect defect);
bool is_crash(Defect defect);

class RuntimeDefects {
 public:
  RuntimeDefects() = default;
  static RuntimeDefects only(Defect defect) {
    RuntimeDefects defects;
    defects.mask_ = bit(defect);
    return defects;
  }

  bool has(Defect defect) const { return (mask_ & bit(defect)) != 0; }
  bool any() const { return mask_ != 0; }
  RuntimeDefects& add(Defect defect) {
    mask_ |= bit(defect);
    return *this;
  }

  // "R3 R7", or "" for none.
  std::string describe() const;
  // The inverse of describe(); nothing when a name is not a defect.
  static std::optional<RuntimeDefects> parse(std::string_view text);

  bool operator==(const RuntimeDefects&) const = default;

 private:
  static std::uint64_t bit(Defect defect) {
    return std::uint64_t{1} << static_cast<unsigned>(defect);
  }
  std::uint64_t mask_ = 0;
};

}  // namespace aion::runtime
