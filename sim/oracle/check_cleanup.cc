// Cleanup: a pid's heap, NIF state and completions are released after its
// exit, once, before its callback, by its monitor thread when it has one;
// nothing is retained after the exit; a monitor that could not start undoes
// itself.
#include <algorithm>
#include <string>

#include "sim/oracle/family_checks.h"
#include "sim/scenario/run_record.h"

namespace aion::oracle {
namespace {

using runtime::Pid;
using scenario::Event;
using scenario::EventKind;

bool is_release(EventKind kind) {
  return kind == EventKind::kHeapReleased || kind == EventKind::kNifCleaned ||
         kind == EventKind::kCompletionsDrained;
}

void check_releases(const RunView& run, Pid pid, const PidHistory& history, Violations& out) {
  const auto who = [&run, pid] { return run.name_of(pid); };
  const Event* exit = history.first(EventKind::kExitPublished);
  const bool monitored = std::any_of(history.monitors.begin(), history.monitors.end(),
                                     [](const auto* op) { return op->ok; });
  const std::string monitor_thread = monitored ? monitor_thread_name(pid) : std::string();
  for (const Event* event : history.events) {
    const auto what = [event] { return std::string(scenario::event_name(event->kind)); };
    if (is_release(event->kind)) {
      if (exit == nullptr || event->seq < exit->seq) {
        add(out, Invariant::kReleaseAfterExit,
            what() + " for " + who() + " while it had not exited", {event->seq});
      }
      const std::string& thread = run.thread_name(event->thread);
      if (monitored && thread != monitor_thread) {
        add(out, Invariant::kCleanupOnMonitorThread,
            what() + " for " + who() + " ran on thread `" + thread +
                "`, not on its monitor thread `" + monitor_thread_name(pid) + "`",
            {event->seq});
      }
    }
    if ((event->kind == EventKind::kHeapReleased || event->kind == EventKind::kNifCleaned) &&
        event->detail == 0) {
      add(out, Invariant::kReleaseOnce,
          what() + " for " + who() + " released what was already released", {event->seq});
    }
    if (event->kind == EventKind::kCompletionRetained && exit != nullptr &&
        event->seq > exit->seq) {
      add(out, Invariant::kNoRetentionAfterExit,
          "completion " + std::to_string(event->detail) + " was retained for " + who() +
              " after its exit",
          {exit->seq, event->seq});
    }
  }
  const Event* callback = history.first(EventKind::kCallback);
  if (callback == nullptr) return;
  for (const EventKind kind :
       {EventKind::kHeapReleased, EventKind::kNifCleaned, EventKind::kCompletionsDrained}) {
    const Event* release = history.first(kind);
    if (release == nullptr || release->seq > callback->seq) {
      add(out, Invariant::kCleanupBeforeCallback,
          "the callback of " + who() + " ran before " + scenario::event_name(kind),
          {callback->seq});
    }
  }
}

// A monitor whose thread could not start must leave nothing unowned: by the
// time the call returns, the process has exited and, unless another monitor
// now owns it or a shutdown took over, its outcome was claimed for cleanup
// (by this call or by a concurrent one; the release itself may still be
// under way, and the checks on releases see that it happens).
void check_failed_installs(const RunView& run, Pid pid, const PidHistory& history,
                           Violations& out) {
  for (const auto* op : history.monitors) {
    if (op->error != runtime::ErrorKind::kThreadStartFailed) continue;
    if (run.histories.shutdown_seq < op->returned) continue;
    const auto who = [&run, pid] { return run.name_of(pid); };
    const Event* exit = history.first(EventKind::kExitPublished);
    if (exit == nullptr || exit->seq > op->returned) {
      add(out, Invariant::kMonitorInstallTransactional,
          "the monitor of " + who() + " could not start, and the process was left running",
          {op->invoked});
      continue;
    }
    const bool owned = std::any_of(history.monitors.begin(), history.monitors.end(),
                                   [](const auto* other) { return other->ok; });
    if (owned) continue;
    const Event* taken = history.first(EventKind::kOutcomeTaken);
    if (taken == nullptr || taken->seq > op->returned) {
      add(out, Invariant::kMonitorInstallTransactional,
          "the monitor of " + who() +
              " could not start, and the call returned with nobody owning the cleanup of the "
              "exited process",
          {op->invoked});
    }
  }
}

}  // namespace

void check_cleanup(const RunView& run, Violations& out) {
  for (const auto& [pid, history] : run.histories.by_pid) {
    check_releases(run, pid, history, out);
    check_failed_installs(run, pid, history, out);
  }
}

}  // namespace aion::oracle
