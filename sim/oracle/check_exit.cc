// Exit and outcome: how pids are handed out, that each process exits once, on
// a scheduler thread, publishing before it leaves the live table, in a way its
// program allows; what the tombstones keep; which completions a process takes.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "sim/oracle/family_checks.h"

namespace aion::oracle {
namespace {

using runtime::Pid;
using scenario::Event;
using scenario::EventKind;
using scenario::Shape;

struct Handout {
  Pid pid;
  std::uint64_t invoked;
  std::uint64_t returned;
};

// Every successful spawn, a churn's spawns included, with the interval in which it took its pid.
std::vector<Handout> handouts(const scenario::RunRecord& record) {
  std::vector<Handout> all;
  for (const auto& op : record.ops) {
    if (std::holds_alternative<scenario::op::Spawn>(op.op) && op.ok) {
      all.push_back({op.pid, op.invoked, op.returned});
    }
    for (const Pid pid : op.churned) all.push_back({pid, op.invoked, op.returned});
  }
  return all;
}

void check_pids(const RunView& run, Violations& out) {
  std::vector<Handout> all = handouts(run.record);
  // A churn spawns one after another: its pids must rise.
  for (const auto& op : run.record.ops) {
    for (std::size_t i = 1; i < op.churned.size(); ++i) {
      if (op.churned[i] <= op.churned[i - 1]) {
        add(out, Invariant::kPidAllocation,
            RunView::describe_op(op) + " was handed pid " + std::to_string(op.churned[i]) +
                " after pid " + std::to_string(op.churned[i - 1]),
            {op.invoked});
        return;
      }
    }
  }
  std::vector<Pid> pids;
  for (const Handout& h : all) pids.push_back(h.pid);
  std::sort(pids.begin(), pids.end());
  if (!pids.empty() && pids.front() != 1) {
    add(out, Invariant::kPidAllocation,
        "the first pid handed out was " + std::to_string(pids.front()) + ", not 1");
    return;
  }
  for (std::size_t i = 1; i < pids.size(); ++i) {
    if (pids[i] != pids[i - 1]) continue;
    add(out, Invariant::kPidAllocation, "pid " + std::to_string(pids[i]) + " was handed out twice");
    return;
  }
  // A spawn that returned before another began has the smaller pid.
  std::vector<Handout> by_return = all;
  std::sort(by_return.begin(), by_return.end(),
            [](const Handout& a, const Handout& b) { return a.returned < b.returned; });
  std::sort(all.begin(), all.end(),
            [](const Handout& a, const Handout& b) { return a.invoked < b.invoked; });
  std::size_t done = 0;
  Pid highest = 0;
  for (const Handout& later : all) {
    while (done < by_return.size() && by_return[done].returned < later.invoked) {
      highest = std::max(highest, by_return[done++].pid);
    }
    if (later.pid < highest) {
      add(out, Invariant::kPidAllocation,
          "a spawn was handed pid " + std::to_string(later.pid) + " after an earlier spawn got " +
              std::to_string(highest),
          {later.invoked});
      return;
    }
  }
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

void check_plausible(const RunView& run, Pid pid, const PidHistory& history, const Event& exit,
                     Violations& out) {
  const auto who = [&run, pid] { return run.name_of(pid); };
  if (exit.exit.tag == runtime::ResultTag::kCrash) {
    if (history.shape != Shape::kCrash || exit.exit.value != "badarith") {
      add(out, Invariant::kPlausibleExit,
          who() + " crashed with " + exit.exit.value + ", but its program does not crash that way",
          {exit.seq});
    }
    return;
  }
  switch (exit.exit.reason) {
    case runtime::AtomTable::kCancelled: {
      const bool asked =
          std::any_of(history.cancels.begin(), history.cancels.end(),
                      [&](const auto* op) { return op->invoked < exit.seq; }) ||
          std::any_of(history.monitors.begin(), history.monitors.end(), [&](const auto* op) {
            return op->error == runtime::ErrorKind::kThreadStartFailed;
          });
      if (!asked) {
        add(out, Invariant::kPlausibleExit,
            who() + " exited as cancelled, but nothing cancelled it", {exit.seq});
      }
      return;
    }
    case runtime::AtomTable::kShutdown:
      if (exit.seq < run.histories.shutdown_seq) {
        add(out, Invariant::kPlausibleExit,
            who() + " exited because of a shutdown before any shutdown began", {exit.seq});
      }
      return;
    case runtime::AtomTable::kNormal:
      if (auto why = implausible_return(history, exit.exit)) {
        add(out, Invariant::kPlausibleExit,
            who() + " returned " +
                (exit.exit.tag == runtime::ResultTag::kError ? "{error, " : "{ok, ") +
                exit.exit.value + "}, but " + *why,
            {exit.seq});
      }
      return;
    default:
      add(out, Invariant::kPlausibleExit, who() + " exited with a reason the runtime does not give",
          {exit.seq});
  }
}

void check_exit(const RunView& run, Pid pid, const PidHistory& history, Violations& out) {
  const auto who = [&run, pid] { return run.name_of(pid); };
  if (!history.spawned) {
    if (!history.events.empty()) {
      add(out, Invariant::kNeverSpawned,
          "the runtime reported lifecycle events for " + who() +
              ", which the scenario never spawned",
          {history.events.front()->seq});
    }
    return;
  }
  const Event* exit = history.first(EventKind::kExitPublished);
  const Event* left = history.first(EventKind::kLeftLiveTable);
  if (history.count(EventKind::kExitPublished) > 1) {
    add(out, Invariant::kSingleExit, "the exit of " + who() + " was published more than once",
        {exit->seq});
  }
  if (history.count(EventKind::kLeftLiveTable) > 1) {
    add(out, Invariant::kSingleExit, who() + " left the live table more than once", {left->seq});
  }
  if (left != nullptr && (exit == nullptr || exit->seq > left->seq)) {
    add(out, Invariant::kExitBeforeLeaving,
        who() + " left the live table before its exit was published", {left->seq});
  }
  if (exit == nullptr) return;
  const auto& schedulers = run.record.scheduler_threads;
  const bool by_scheduler =
      std::find(schedulers.begin(), schedulers.end(), exit->thread) != schedulers.end();
  const bool by_shutdown = exit->exit.reason == runtime::AtomTable::kShutdown &&
                           exit->thread == run.record.shutdown_thread;
  if (!by_scheduler && !by_shutdown) {
    add(out, Invariant::kExitOnSchedulerThread,
        "the exit of " + who() + " was published on thread `" + run.thread_name(exit->thread) +
            "`, which is no scheduler thread" +
            (exit->exit.reason == runtime::AtomTable::kShutdown ? " nor the one that shut down"
                                                                : ""),
        {exit->seq});
  }
  check_plausible(run, pid, history, *exit, out);
}

// The tombstones as a FIFO of the last `capacity` exits: the k-th eviction
// evicts the k-th exit, when exit k + capacity is recorded.
void check_tombstones(const RunView& run, Violations& out) {
  const std::size_t capacity = std::max<std::uint32_t>(run.scenario.config.tombstones, 1);
  std::vector<const Event*> exits;
  std::size_t evicted = 0;
  for (const Event& event : run.record.events) {
    if (event.kind == EventKind::kExitPublished) {
      exits.push_back(&event);
      continue;
    }
    if (event.kind != EventKind::kTombstoneEvicted) continue;
    // Eviction `evicted` makes room for exit `evicted + capacity`, the latest one.
    const std::size_t making_room_for = evicted + capacity;
    if (making_room_for + 1 != exits.size() || exits[evicted]->pid != event.pid) {
      add(out, Invariant::kTombstonesFifo,
          "the tombstone of " + run.name_of(event.pid) + " was evicted after " +
              std::to_string(exits.size()) + " exits, where a FIFO of " + std::to_string(capacity) +
              " evicts " +
              (making_room_for < exits.size()
                   ? "the tombstone of " + run.name_of(exits[evicted]->pid)
                   : std::string("nothing yet")),
          {event.seq});
      return;
    }
    ++evicted;
  }
  const std::size_t due = exits.size() > capacity ? exits.size() - capacity : 0;
  if (evicted != due && run.complete()) {
    add(out, Invariant::kTombstonesFifo,
        std::to_string(exits.size()) + " exits evicted " + std::to_string(evicted) +
            " tombstones from a FIFO of " + std::to_string(capacity) + ", where " +
            std::to_string(due) + " were due");
  }
}

bool awaits(const PidHistory& history, runtime::Correlation correlation) {
  if (history.shape != Shape::kAwaitAll && history.shape != Shape::kAwaitAny) return false;
  return correlation == 1 || correlation == 2;
}

void check_taken(const RunView& run, Pid pid, const PidHistory& history, Violations& out) {
  std::set<runtime::Correlation> retained;
  std::size_t taken = 0;
  bool exited = false;
  for (const Event* event : history.events) {
    switch (event->kind) {
      case EventKind::kCompletionRetained:
        retained.insert(event->detail);
        break;
      case EventKind::kCompletionsDrained:
        retained.clear();
        break;
      case EventKind::kExitPublished:
        exited = true;
        break;
      case EventKind::kCompletionTaken: {
        const auto what = [&] {
          return run.name_of(pid) + " took completion " + std::to_string(event->detail) + ", ";
        };
        std::string why;
        if (!awaits(history, event->detail)) {
          why = "which its program never awaits";
        } else if (retained.count(event->detail) == 0) {
          why = "which no accepted delivery left for it";
        } else if (exited) {
          why = "after its exit was published";
        } else if (history.shape == Shape::kAwaitAny && taken > 0) {
          why = "a second one for its await_any: a race loser";
        }
        if (!why.empty()) add(out, Invariant::kTakenAsAwaited, what() + why, {event->seq});
        retained.erase(event->detail);
        ++taken;
        break;
      }
      default:
        break;
    }
  }
}

}  // namespace

void check_exit_and_outcome(const RunView& run, Violations& out) {
  check_pids(run, out);
  for (const auto& [pid, history] : run.histories.by_pid) {
    check_exit(run, pid, history, out);
    check_taken(run, pid, history, out);
  }
  check_tombstones(run, out);
}

}  // namespace aion::oracle
