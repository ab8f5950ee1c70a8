#include "runtime/runtime_defects.h"

#include <array>

namespace aion::runtime {
namespace {

struct DefectText {
  std::string_view name;
  std::string_view summary;
};

constexpr std::array<DefectText, kDefectCount> kDefects = {{
    {"R1", "completion retained after the workflow stopped awaiting: never drained"},
    {"R2", "fast exit rejected: a monitor needs the pid in the live table"},
    {"R3", "delivery checks liveness, then retains, while the drain runs in between"},
    {"R4", "delivery trusts the live table while the exit is already published"},
    {"R5", "monitor thread cannot start: the process is left unowned"},
    {"R6", "two monitors on one pid consume one outcome"},
    {"R7", "the monitor waits on a tombstone that churn evicts"},
    {"R8", "callback admission races shutdown: a claimed callback is dropped"},
    {"callback-on-caller", "a monitor on an exited pid runs its callback on the caller's thread"},
    {"callback-under-lock", "the callback runs inside the monitor's last critical section"},
    {"error-completes", "a returned {error, E} is reported as Completed{E}"},
    {"vague-never-spawned", "the never-spawned refusal says 'unknown pid'"},
    {"pid-reused", "a pid whose outcome was reported is handed out again"},
    {"crash-publishes-twice", "a crash step falls through to the end of the program"},
    {"leave-before-publish", "the pid leaves the live table before its exit is published"},
    {"cancel-exits-inline", "cancel_pid exits a parked process itself, on the caller's thread"},
    {"crash-exits-normal", "a crash is published as a normal return"},
    {"tombstone-evicts-newest", "a full tombstone FIFO evicts its newest entry"},
    {"exit-takes-leftovers", "a process takes the completions still retained for it as it exits"},
    {"heap-freed-early", "the monitor frees the spawn heap before the process exited"},
    {"shutdown-releases-again", "shutdown releases every pid's heap and NIF state, to be safe"},
    {"drain-after-callback", "completions are drained after the callback ran"},
    {"scheduler-frees-heap", "the scheduler frees the spawn heap at exit, not the monitor"},
    {"cancel-returns-early", "cancel_pid returns before the process has exited"},
    {"delivery-wakes-first-only", "a delivery wakes a process only for its first awaited id"},
    {"monitor-checks-then-waits",
     "the monitor checks for the exit, lets go of the lock, then waits"},
    {"scheduler-polls", "an idle scheduler thread polls the run queue instead of waiting"},
    {"shutdown-joins-late", "shutdown leaves monitor threads for the destructor to join"},
    {"fired-monitor-stays-registered", "a monitor stays registered after its callback ran"},
    {"thread-count-includes-finished", "counts() counts monitor threads that have finished"},
    {"shutdown-keeps-unmonitored", "shutdown leaves the resources of unmonitored exited pids"},
    {"is-live-means-not-exited", "is_live answers false as soon as the exit is published"},
    {"cancel-after-shutdown", "cancel_pid forgets to refuse once the runtime is shut down"},
    {"nondeterministic", "the runtime keeps a counter across instances and yields on it"},
    {"no-exit-window", "publishing the exit and leaving the live table are one critical section"},
    {"refusal-cleans-up", "a never-spawned refusal releases the pid's resources anyway"},
    {"crash-segfault", "recent_exit dereferences a tombstone that is not there: SIGSEGV"},
    {"crash-abort", "cancelling a pid that is not live fails an assertion: abort()"},
    {"crash-stack-overflow", "is_live of a pid never spawned recurses until the stack overflows"},
    {"spin-without-yield", "a delivery to an exited pid spins, never reaching a scheduling point"},
}};

}  // namespace

std::string_view defect_name(Defect defect) { return kDefects[static_cast<int>(defect)].name; }

std::string_view defect_summary(Defect defect) {
  return kDefects[static_cast<int>(defect)].summary;
}

bool is_race_class(Defect defect) { return static_cast<int>(defect) < kRaceClassCount; }

bool is_crash(Defect defect) { return static_cast<int>(defect) >= kFirstCrash; }

std::string RuntimeDefects::describe() const {
  std::string text;
  for (int i = 0; i < kDefectCount; ++i) {
    if (has(static_cast<Defect>(i)))
      text += (text.empty() ? "" : " ") + std::string(kDefects[i].name);
  }
  return text;
}

std::optional<RuntimeDefects> RuntimeDefects::parse(std::string_view text) {
  RuntimeDefects defects;
  while (!text.empty()) {
    const auto space = text.find(' ');
    const std::string_view word = text.substr(0, space);
    if (!word.empty()) {
      const auto defect = defect_from_name(word);
      if (!defect) return std::nullopt;
      defects.add(*defect);
    }
    if (space == std::string_view::npos) break;
    text.remove_prefix(space + 1);
  }
  return defects;
}

std::optional<Defect> defect_from_name(std::string_view name) {
  for (int i = 0; i < kDefectCount; ++i) {
    if (kDefects[i].name == name) return static_cast<Defect>(i);
  }
  return std::nullopt;
}

}  // namespace aion::runtime
