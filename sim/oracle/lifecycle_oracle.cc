#include "sim/oracle/lifecycle_oracle.h"

#include <algorithm>
#include <sstream>
#include <string>

#include "sim/oracle/linearizability.h"
#include "sim/oracle/pid_histories.h"
#include "sim/scenario/scenario_text.h"

namespace aion::oracle {
namespace {

using runtime::Pid;
using scenario::Event;
using scenario::EventKind;
using scenario::Shape;

std::string name_of(Pid pid, const PidHistory& history) {
  std::string name = "process " + std::to_string(pid);
  if (history.label) name += " (p" + std::to_string(*history.label) + ")";
  return name;
}

bool accepted(const scenario::OpRecord* op) { return op->ok; }

// The outcome a monitor must report for a published exit (the runtime's own
// conversion, restated so that the oracle does not trust the code it judges).
runtime::WorkflowProcessOutcome expected_outcome(Pid pid, const runtime::ExitRecord& exit) {
  const std::string who = "process " + std::to_string(pid);
  if (exit.tag == runtime::ResultTag::kCrash) return runtime::Failed{who + " crashed", exit.value};
  switch (exit.reason) {
    case runtime::AtomTable::kNormal:
      if (exit.tag == runtime::ResultTag::kError) {
        return runtime::Failed{who + " returned an error", exit.value};
      }
      return runtime::Completed{exit.value};
    case runtime::AtomTable::kCancelled:
      return runtime::Failed{who + " was cancelled", "cancelled"};
    case runtime::AtomTable::kShutdown:
      return runtime::Failed{who + " was stopped because the runtime shut down", "shutdown"};
    default:
      return runtime::Failed{who + " crashed", exit.value};
  }
}

std::string render(const runtime::WorkflowProcessOutcome& outcome) {
  std::ostringstream out;
  out << outcome;
  return out.str();
}

bool delivered(const PidHistory& history, runtime::Correlation correlation) {
  return std::any_of(history.deliveries.begin(), history.deliveries.end(), [&](const auto* op) {
    return op->ok && std::get<scenario::op::Deliver>(op->op).correlation == correlation;
  });
}

// Whether a program of this history's shape could have returned this way.
std::optional<std::string> implausible_return(const PidHistory& history,
                                              const runtime::ExitRecord& exit) {
  const bool ok = exit.tag != runtime::ResultTag::kError;
  if (!history.shape) {
    if (ok && exit.value == "churn") return std::nullopt;
    return "a churn process only completes with 'churn'";
  }
  const std::string label = std::to_string(*history.label);
  auto expect = [&](bool want_ok, const std::string& value) -> std::optional<std::string> {
    if (ok == want_ok && exit.value == value) return std::nullopt;
    return std::string("its program returns ") + (want_ok ? "{ok, " : "{error, ") + value + "}";
  };
  switch (*history.shape) {
    case Shape::kComplete:
      return expect(true, "v" + label);
    case Shape::kFail:
      return expect(false, "e" + label);
    case Shape::kSleep:
      return expect(true, "slept" + label);
    case Shape::kLongWork:
      return expect(true, "w" + label);
    case Shape::kAwaitAll:
      if (ok && (exit.value == "c1,c2" || exit.value == "c2,c1") && delivered(history, 1) &&
          delivered(history, 2)) {
        return std::nullopt;
      }
      return "it awaits both completions and returns them, and only accepted deliveries count";
    case Shape::kAwaitAny:
      if (ok && ((exit.value == "c1" && delivered(history, 1)) ||
                 (exit.value == "c2" && delivered(history, 2)))) {
        return std::nullopt;
      }
      return "it returns the first completion it took, which must have been delivered";
    case Shape::kCrash:
    case Shape::kUntilCancelled:
      return "its program never returns normally";
  }
  return std::nullopt;
}

class Checker {
 public:
  Checker(const scenario::Scenario& scenario, const scenario::RunRecord& record,
          const PidHistories& histories)
      : scenario_(scenario), record_(record), histories_(histories) {}

  Violations run() {
    for (const auto& [pid, history] : histories_.by_pid) {
      check_callbacks(pid, history);
      check_exit(pid, history);
      check_cleanup(pid, history);
      check_failed_installs(pid, history);
      check_progress(pid, history);
    }
    check_held_at_quiescence();
    check_quiescence();
    return std::move(violations_);
  }

 private:
  void add(std::string invariant, std::string sentence) {
    violations_.push_back({std::move(invariant), std::move(sentence)});
  }

  void check_callbacks(Pid pid, const PidHistory& history) {
    const auto accepted_count = static_cast<std::size_t>(
        std::count_if(history.monitors.begin(), history.monitors.end(), accepted));
    const std::size_t callbacks = history.count(EventKind::kCallback);
    const std::string who = name_of(pid, history);
    if (accepted_count > 1) {
      add("one-monitor-per-pid",
          std::to_string(accepted_count) + " monitors were accepted for " + who);
    }
    if (accepted_count == 0 && callbacks > 0) {
      add("exactly-once-callback",
          "a callback ran for " + who + ", whose monitors were all refused");
    } else if (accepted_count > 0 && callbacks != accepted_count) {
      add("exactly-once-callback", "the monitor of " + who + " fired " + std::to_string(callbacks) +
                                       " times instead of once");
    }
    const Event* exit = history.first(EventKind::kExitPublished);
    for (const auto* event : history.events) {
      if (event->kind != EventKind::kCallback) continue;
      if (event->error) {
        const Event* taken = history.first(EventKind::kOutcomeTaken);
        if (event->error == runtime::ErrorKind::kShutDown && taken != nullptr &&
            taken->seq < histories_.shutdown_seq) {
          add("reported-outcome", "the monitor of " + who +
                                      " claimed the exit before shutdown began, but reported "
                                      "the shutdown error instead of the outcome");
        }
        if (*event->error != runtime::ErrorKind::kShutDown ||
            event->seq < histories_.shutdown_seq) {
          add("reported-outcome", "the monitor of " + who + " reported the error " +
                                      runtime::to_string(*event->error) +
                                      ", but only a shutdown may replace the outcome");
        }
        continue;
      }
      if (exit == nullptr || exit->seq > event->seq) {
        add("reported-outcome",
            "the monitor of " + who + " fired before the process's exit was published");
        continue;
      }
      const auto expected = expected_outcome(pid, exit->exit);
      if (!(*event->outcome == expected)) {
        add("reported-outcome", "the monitor of " + who + " reported " + render(*event->outcome) +
                                    " but the process exited with " + render(expected));
      }
    }
  }

  void check_exit(Pid pid, const PidHistory& history) {
    const std::string who = name_of(pid, history);
    if (!history.spawned) {
      if (!history.events.empty()) {
        add("never-spawned", "the runtime reported lifecycle events for " + who +
                                 ", which the scenario never spawned");
      }
      return;
    }
    if (history.count(EventKind::kExitPublished) > 1) {
      add("single-exit", "the exit of " + who + " was published more than once");
    }
    const Event* exit = history.first(EventKind::kExitPublished);
    if (exit == nullptr) return;
    if (exit->exit.tag == runtime::ResultTag::kCrash) {
      if (history.shape != Shape::kCrash || exit->exit.value != "badarith") {
        add("plausible-exit", who + " crashed with " + exit->exit.value +
                                  ", but its program does not crash that way");
      }
      return;
    }
    switch (exit->exit.reason) {
      case runtime::AtomTable::kCancelled: {
        const bool asked =
            std::any_of(history.cancels.begin(), history.cancels.end(),
                        [&](const auto* op) { return op->invoked < exit->seq; }) ||
            std::any_of(history.monitors.begin(), history.monitors.end(), [&](const auto* op) {
              return op->error == runtime::ErrorKind::kThreadStartFailed;
            });
        if (!asked) add("plausible-exit", who + " exited as cancelled, but nothing cancelled it");
        return;
      }
      case runtime::AtomTable::kShutdown:
        if (exit->seq < histories_.shutdown_seq) {
          add("plausible-exit", who + " exited because of a shutdown before any shutdown began");
        }
        return;
      case runtime::AtomTable::kNormal:
        if (auto why = implausible_return(history, exit->exit)) {
          add("plausible-exit",
              who + " returned " +
                  (exit->exit.tag == runtime::ResultTag::kError ? "{error, " : "{ok, ") +
                  exit->exit.value + "}, but " + *why);
        }
        return;
      default:
        add("plausible-exit", who + " exited with a reason the runtime does not give");
    }
  }

  void check_cleanup(Pid pid, const PidHistory& history) {
    const std::string who = name_of(pid, history);
    const Event* exit = history.first(EventKind::kExitPublished);
    const Event* callback = history.first(EventKind::kCallback);
    for (const auto* event : history.events) {
      const bool is_release = event->kind == EventKind::kHeapReleased ||
                              event->kind == EventKind::kNifCleaned ||
                              event->kind == EventKind::kCompletionsDrained;
      if (is_release && (exit == nullptr || event->seq < exit->seq)) {
        add("release-after-exit", std::string(scenario::event_name(event->kind)) + " for " + who +
                                      " while it had not exited");
      }
      if ((event->kind == EventKind::kHeapReleased || event->kind == EventKind::kNifCleaned) &&
          event->detail == 0) {
        add("release-once", std::string(scenario::event_name(event->kind)) + " for " + who +
                                " released what was already released");
      }
      if (event->kind == EventKind::kCompletionRetained && exit != nullptr &&
          event->seq > exit->seq) {
        add("no-retention-after-exit", "completion " + std::to_string(event->detail) +
                                           " was retained for " + who + " after its exit");
      }
    }
    if (callback == nullptr) return;
    for (const EventKind kind :
         {EventKind::kHeapReleased, EventKind::kNifCleaned, EventKind::kCompletionsDrained}) {
      const Event* release = history.first(kind);
      if (release == nullptr || release->seq > callback->seq) {
        add("cleanup-before-callback",
            "the callback of " + who + " ran before " + scenario::event_name(kind));
      }
    }
  }

  // A monitor whose thread could not start must leave nothing unowned: by the
  // time the call returns, the process has exited and, unless another monitor
  // now owns it or a shutdown took over, its outcome was claimed for cleanup
  // (by this call or by a concurrent one; the release itself may still be
  // under way, and the checks on releases see that it happens).
  void check_failed_installs(Pid pid, const PidHistory& history) {
    for (const auto* op : history.monitors) {
      if (op->error != runtime::ErrorKind::kThreadStartFailed) continue;
      if (histories_.shutdown_seq < op->returned) continue;
      const std::string who = name_of(pid, history);
      const Event* exit = history.first(EventKind::kExitPublished);
      if (exit == nullptr || exit->seq > op->returned) {
        add("monitor-install-transactional",
            "the monitor of " + who + " could not start, and the process was left running");
        continue;
      }
      const bool owned = std::any_of(history.monitors.begin(), history.monitors.end(),
                                     [](const auto* other) { return other->ok; });
      if (owned) continue;
      const Event* taken = history.first(EventKind::kOutcomeTaken);
      if (taken == nullptr || taken->seq > op->returned) {
        add("monitor-install-transactional",
            "the monitor of " + who +
                " could not start, and the call returned with nobody owning the cleanup of the "
                "exited process");
      }
    }
  }

  // Whether the program of this history can only run to its end, given what
  // the run delivered to it (a parked process may wait for ever).
  static bool must_finish(const PidHistory& history) {
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

  // Progress: a cancel that returned ok took effect before it returned, and
  // by quiescence every process that could only finish has finished.
  void check_progress(Pid pid, const PidHistory& history) {
    if (!history.spawned) return;
    const std::string who = name_of(pid, history);
    const Event* exit = history.first(EventKind::kExitPublished);
    for (const auto* op : history.cancels) {
      if (!op->ok || op->returned > histories_.shutdown_seq) continue;
      if (exit == nullptr || exit->seq > op->returned ||
          exit->exit.reason != runtime::AtomTable::kCancelled) {
        add("cancel-takes-effect", "cancelling " + who + " returned ok, but the process " +
                                       (exit == nullptr || exit->seq > op->returned
                                            ? std::string("had not exited by then")
                                            : std::string("did not exit as cancelled")));
      }
    }
    if (exit != nullptr && exit->seq < histories_.quiescent_seq) return;
    if (must_finish(history)) {
      add("progress", who +
                          " could only run to its end, but had not exited at quiescence: "
                          "a lost wake-up");
    }
  }

  // At quiescence the runtime holds a monitor (and its thread) for exactly the
  // accepted monitors that have not fired, and its scheduler threads unless a
  // shutdown came first: a fired monitor that stays registered is a leak.
  void check_held_at_quiescence() {
    std::size_t waiting = 0;
    for (const auto& [pid, history] : histories_.by_pid) {
      const Event* callback = history.first(EventKind::kCallback);
      for (const auto* op : history.monitors) {
        if (op->ok && (callback == nullptr || callback->seq > histories_.quiescent_seq)) ++waiting;
      }
    }
    const bool shut_down = histories_.shutdown_seq < histories_.quiescent_seq;
    const std::size_t threads = (shut_down ? 0 : scenario_.config.schedulers) + waiting;
    const auto& held = record_.at_quiescence;
    if (held.monitors_pending != waiting || held.runtime_threads_alive != threads) {
      std::ostringstream out;
      out << "at quiescence the runtime holds " << held.monitors_pending << " monitors and "
          << held.runtime_threads_alive << " threads, where " << waiting
          << " monitors are still waiting and " << threads << " threads should be alive";
      add("nothing-held-at-quiescence", out.str());
    }
  }

  void check_quiescence() {
    for (const auto& [pid, history] : histories_.by_pid) {
      const Event* exit = history.first(EventKind::kExitPublished);
      const Event* callback = history.first(EventKind::kCallback);
      const bool monitored = std::any_of(
          history.monitors.begin(), history.monitors.end(),
          [&](const auto* op) { return op->ok && op->returned < histories_.quiescent_seq; });
      if (monitored && exit != nullptr && exit->seq < histories_.quiescent_seq &&
          (callback == nullptr || callback->seq > histories_.quiescent_seq)) {
        add("no-lost-wakeup", "the monitor of " + name_of(pid, history) +
                                  " was still waiting at quiescence although the process had "
                                  "exited: a lost wake-up");
      }
    }
    const auto& c = record_.after_shutdown;
    if (c.live_processes || c.retained_completions || c.spawn_heaps_held || c.nif_states_held ||
        c.ledger_entries || c.monitors_pending || c.runtime_threads_alive) {
      std::ostringstream out;
      out << "after shutdown the runtime still holds something: " << c;
      add("nothing-held-after-shutdown", out.str());
    }
  }

  const scenario::Scenario& scenario_;
  const scenario::RunRecord& record_;
  const PidHistories& histories_;
  Violations violations_;
};

}  // namespace

Violations judge(const scenario::Scenario& scenario, const scenario::RunRecord& record) {
  if (!record.runtime_started) return {};
  const PidHistories histories = group_by_pid(scenario, record);
  Violations violations = Checker(scenario, record, histories).run();
  if (violations.empty()) {
    if (auto unexplained = explain_sequentially(record)) violations.push_back(*unexplained);
  }
  return violations;
}

}  // namespace aion::oracle
