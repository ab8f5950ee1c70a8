// Progress: a cancel that returned ok took effect first; at quiescence every
// process that could only finish has finished and no monitor waits on an
// exited process; a shutdown that returned has fired every accepted monitor
// and joined every thread the runtime started.
#include <algorithm>
#include <string>

#include "sim/oracle/family_checks.h"

namespace aion::oracle {
namespace {

using runtime::Pid;
using scenario::Event;
using scenario::EventKind;
using scenario::Shape;

// Whether the program of this history can only run to its end, given what
// the run delivered to it (a parked process may wait for ever).
bool must_finish(const PidHistory& history) {
  if (!history.shape) return true;
  switch (*history.shape) {
    case Shape::kAwaitAll:
      return delivered(history, 1) && delivered(history, 2);
    case Shape::kAwaitAny:
      return delivered(history, 1) || delivered(history, 2);
    case Shape::kUntilCancelled:
      return false;
    default:
      return true;
  }
}

void check_cancels(const RunView& run, Pid pid, const PidHistory& history, Violations& out) {
  const auto who = [&run, pid] { return run.name_of(pid); };
  const Event* exit = history.first(EventKind::kExitPublished);
  const Event* left = history.first(EventKind::kLeftLiveTable);
  for (const auto* op : history.cancels) {
    if (!op->ok || op->returned > run.histories.shutdown_seq) continue;
    std::string problem;
    if (exit == nullptr || exit->seq > op->returned) {
      problem = "had not exited by then";
    } else if (exit->exit.reason != runtime::AtomTable::kCancelled) {
      problem = "did not exit as cancelled";
    } else if (left == nullptr || left->seq > op->returned) {
      problem = "had not left the live table by then";
    }
    if (!problem.empty()) {
      add(out, Invariant::kCancelTakesEffect,
          "cancelling " + who() + " returned ok, but the process " + problem, {op->invoked});
    }
  }
}

void check_quiescent(const RunView& run, Pid pid, const PidHistory& history, Violations& out) {
  const std::uint64_t quiescent = run.histories.quiescent_seq;
  const Event* exit = history.first(EventKind::kExitPublished);
  const Event* callback = history.first(EventKind::kCallback);
  const bool exited = exit != nullptr && exit->seq < quiescent;
  if (!exited && must_finish(history)) {
    add(out, Invariant::kProgressToEnd,
        run.name_of(pid) +
            " could only run to its end, but had not exited at quiescence: a lost wake-up");
  }
  const auto monitor =
      std::find_if(history.monitors.begin(), history.monitors.end(),
                   [&](const auto* op) { return op->ok && op->returned < quiescent; });
  if (monitor != history.monitors.end() && exited &&
      (callback == nullptr || callback->seq > quiescent)) {
    add(out, Invariant::kNoLostWakeup,
        "the monitor of " + run.name_of(pid) +
            " was still waiting at quiescence although the process had exited: a lost wake-up",
        {(*monitor)->invoked, exit->seq});
  }
}

void check_shutdown(const RunView& run, Violations& out) {
  const scenario::ThreadsAt& after = run.record.threads_after_shutdown;
  if (after.seq == UINT64_MAX) return;
  for (const auto& [pid, history] : run.histories.by_pid) {
    const Event* callback = history.first(EventKind::kCallback);
    for (const auto* op : history.monitors) {
      if (!op->ok || (callback != nullptr && callback->seq < after.seq)) continue;
      add(out, Invariant::kShutdownCompletes,
          "shutdown returned before the accepted monitor of " + run.name_of(pid) + " fired",
          {op->invoked});
    }
  }
  for (const auto& thread : after.unjoined) {
    add(out, Invariant::kShutdownCompletes,
        "shutdown returned without joining thread `" + thread.name + "`" +
            (thread.finished ? "" : ", which was still running"));
  }
}

}  // namespace

void check_progress(const RunView& run, Violations& out) {
  for (const auto& [pid, history] : run.histories.by_pid) {
    if (!history.spawned) continue;
    check_cancels(run, pid, history, out);
    if (run.complete()) check_quiescent(run, pid, history, out);
  }
  check_shutdown(run, out);
}

}  // namespace aion::oracle
