// Callbacks: exactly once, one monitor per pid, on the monitor thread, outside
// every lock, with the outcome the process had; and what every error says.
#include <algorithm>
#include <cctype>
#include <string>

#include "sim/oracle/family_checks.h"

namespace aion::oracle {
namespace {

using runtime::ErrorKind;
using runtime::Pid;
using scenario::Event;
using scenario::EventKind;

void check_count(const RunView& run, Pid pid, const PidHistory& history, Violations& out) {
  const auto accepted = static_cast<std::size_t>(std::count_if(
      history.monitors.begin(), history.monitors.end(), [](const auto* op) { return op->ok; }));
  const std::size_t callbacks = history.count(EventKind::kCallback);
  const auto who = [&run, pid] { return run.name_of(pid); };
  if (accepted > 1) {
    Violation violation{Invariant::kOneMonitorPerPid,
                        std::to_string(accepted) + " monitors were accepted for " + who(),
                        {}};
    for (const auto* op : history.monitors) {
      if (op->ok) violation.seqs.push_back(op->invoked);
    }
    out.push_back(std::move(violation));
  }
  const Event* callback = history.first(EventKind::kCallback);
  if (accepted == 0 && callbacks > 0) {
    add(out, Invariant::kExactlyOnceCallback,
        "a callback ran for " + who() + ", whose monitors were all refused", {callback->seq});
  } else if (accepted > 0 && (callbacks > accepted || (run.complete() && callbacks < accepted))) {
    add(out, Invariant::kExactlyOnceCallback,
        "the monitor of " + who() + " fired " + std::to_string(callbacks) +
            " times instead of once",
        {callback != nullptr ? callback->seq : history.monitors.front()->invoked});
  }
}

// Where and holding what: the contract's own words.
void check_context(const RunView& run, Pid pid, const Event& callback, Violations& out) {
  const auto who = [&run, pid] { return run.name_of(pid); };
  const std::string& thread = run.thread_name(callback.thread);
  if (thread != monitor_thread_name(pid)) {
    add(out, Invariant::kCallbackOnMonitorThread,
        "the callback of " + who() + " ran on thread `" + thread +
            "`, not on its monitor thread `" + monitor_thread_name(pid) + "`",
        {callback.seq});
  }
  if (callback.mutexes_held != 0) {
    add(out, Invariant::kCallbackOutsideLocks,
        "the callback of " + who() + " ran holding mutex `" + callback.last_mutex + "`" +
            (callback.mutexes_held > 1
                 ? " and " + std::to_string(callback.mutexes_held - 1) + " more"
                 : std::string()),
        {callback.seq});
  }
}

void check_outcome(const RunView& run, Pid pid, const PidHistory& history, const Event& callback,
                   Violations& out) {
  const auto who = [&run, pid] { return run.name_of(pid); };
  const Event* exit = history.first(EventKind::kExitPublished);
  if (callback.error) {
    const Event* taken = history.first(EventKind::kOutcomeTaken);
    const std::uint64_t shutdown = run.histories.shutdown_seq;
    if (*callback.error == ErrorKind::kShutDown && taken != nullptr && taken->seq < shutdown) {
      add(out, Invariant::kReportedOutcome,
          "the monitor of " + who() +
              " claimed the exit before shutdown began, but reported the shutdown error instead "
              "of the outcome",
          {taken->seq, callback.seq});
    }
    if (*callback.error != ErrorKind::kShutDown || callback.seq < shutdown) {
      add(out, Invariant::kReportedOutcome,
          "the monitor of " + who() + " reported the error " + runtime::to_string(*callback.error) +
              ", but only a shutdown may replace the outcome",
          {callback.seq});
    }
    return;
  }
  if (exit == nullptr || exit->seq > callback.seq) {
    add(out, Invariant::kReportedOutcome,
        "the monitor of " + who() + " fired before the process's exit was published",
        {callback.seq});
    return;
  }
  const auto expected = expected_outcome(pid, exit->exit);
  if (!(*callback.outcome == expected)) {
    add(out, Invariant::kReportedOutcome,
        "the monitor of " + who() + " reported " + render(*callback.outcome) +
            " but the process exited with " + render(expected),
        {exit->seq, callback.seq});
  }
}

// The words each kind of error must carry: the contract's where it fixes them,
// runtime_handle.h's choices otherwise.
const char* required_words(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kNeverSpawned:
      return "never spawned";
    case ErrorKind::kNotLive:
      return "not live";
    case ErrorKind::kAlreadyMonitored:
      return "already has a monitor";
    case ErrorKind::kOutcomeConsumed:
      return "already consumed";
    case ErrorKind::kDeliveryRefused:
      return "has exited";
    case ErrorKind::kDuplicateDelivery:
      return "already waiting";
    case ErrorKind::kShutDown:
      return "shut down";
    case ErrorKind::kInvalidArgument:
      return "empty";
    case ErrorKind::kThreadStartFailed:
      return "failed to spawn workflow monitor for process ";
  }
  return "";
}

// "process 1" counts, "process 12" does not name process 1.
bool names_process(const std::string& message, const std::string& process) {
  for (auto at = message.find(process); at != std::string::npos;
       at = message.find(process, at + 1)) {
    const std::size_t end = at + process.size();
    if (end == message.size() || !std::isdigit(static_cast<unsigned char>(message[end]))) {
      return true;
    }
  }
  return false;
}

std::string wording_problem(ErrorKind kind, const std::string& message, Pid pid) {
  const std::string process = "process " + std::to_string(pid);
  if (kind == ErrorKind::kThreadStartFailed) {
    const std::string head = "failed to spawn workflow monitor for " + process + ": ";
    if (message.rfind(head, 0) != 0 || message.size() == head.size()) {
      return "it must read '" + head + "<reason>'";
    }
    return {};
  }
  if (message.find(required_words(kind)) == std::string::npos) {
    return std::string("it must say '") + required_words(kind) + "'";
  }
  if (pid != runtime::kNoPid && !names_process(message, process)) return "it must name " + process;
  return {};
}

void check_messages(const RunView& run, Violations& out) {
  for (const auto& op : run.record.ops) {
    if (op.ok || !op.error) continue;
    const Pid pid = scenario::target_of(op.op) != nullptr ? op.pid : runtime::kNoPid;
    const std::string problem = wording_problem(*op.error, op.message, pid);
    if (problem.empty()) continue;
    add(out, Invariant::kErrorMessage,
        RunView::describe_op(op) + " was refused with " + runtime::to_string(*op.error) + " '" +
            op.message + "': " + problem,
        {op.invoked});
  }
  for (const auto& event : run.record.events) {
    if (event.kind != EventKind::kCallback || !event.error) continue;
    const std::string problem = wording_problem(*event.error, event.message, event.pid);
    if (problem.empty()) continue;
    add(out, Invariant::kErrorMessage,
        "the callback of " + run.name_of(event.pid) + " reported " +
            runtime::to_string(*event.error) + " '" + event.message + "': " + problem,
        {event.seq});
  }
}

}  // namespace

void check_callbacks(const RunView& run, Violations& out) {
  for (const auto& [pid, history] : run.histories.by_pid) {
    check_count(run, pid, history, out);
    for (const Event* event : history.events) {
      if (event->kind != EventKind::kCallback) continue;
      check_context(run, pid, *event, out);
      check_outcome(run, pid, history, *event, out);
    }
  }
  check_messages(run, out);
}

}  // namespace aion::oracle
