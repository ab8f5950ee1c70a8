// Quiescence: what the runtime holds when everything settled and after
// shutdown, and whether its introspection counts say what it holds: each
// count is derived from the run's events and compared wherever the run read
// it (at quiescence, when shutdown returned, in `counts` operations).
#include <algorithm>
#include <array>
#include <sstream>
#include <string>
#include <vector>

#include "sim/oracle/family_checks.h"

namespace aion::oracle {
namespace {

using runtime::RuntimeCounts;
using scenario::Event;
using scenario::EventKind;

// A change to a count: +delta somewhere in [from, to] (an operation's interval,
// or one instant for an event).
struct Change {
  std::uint64_t from;
  std::uint64_t to;
  std::int64_t delta;
};

struct Derived {
  const char* what;
  std::size_t RuntimeCounts::*field;
  std::vector<Change> changes;
};

// The counts the events determine. Monitors pending and threads alive change
// at moments no event marks; they are judged at quiescence and after shutdown.
struct DerivedCounts {
  Derived live{"live processes", &RuntimeCounts::live_processes, {}};
  Derived retained{"retained completions", &RuntimeCounts::retained_completions, {}};
  Derived heaps{"spawn heaps held", &RuntimeCounts::spawn_heaps_held, {}};
  Derived nif{"NIF states held", &RuntimeCounts::nif_states_held, {}};
  Derived ledger{"ledger entries", &RuntimeCounts::ledger_entries, {}};
  Derived evictions{"tombstone evictions", &RuntimeCounts::tombstone_evictions, {}};
  Derived double_heaps{"double heap releases", &RuntimeCounts::double_heap_releases, {}};
  Derived double_nif{"double NIF cleanups", &RuntimeCounts::double_nif_cleanups, {}};

  std::array<const Derived*, 8> all() const {
    return {&live, &retained, &heaps, &nif, &ledger, &evictions, &double_heaps, &double_nif};
  }
};

DerivedCounts derive(const scenario::RunRecord& record) {
  DerivedCounts d;
  auto spawned = [&](std::uint64_t from, std::uint64_t to) {
    for (Derived* count : {&d.live, &d.heaps, &d.nif, &d.ledger}) {
      count->changes.push_back({from, to, 1});
    }
  };
  for (const auto& op : record.ops) {
    if (std::holds_alternative<scenario::op::Spawn>(op.op) && op.ok)
      spawned(op.invoked, op.returned);
    for (std::size_t i = 0; i < op.churned.size(); ++i) spawned(op.invoked, op.returned);
  }
  for (const Event& e : record.events) {
    const std::uint64_t at = e.seq;
    switch (e.kind) {
      case EventKind::kLeftLiveTable:
        d.live.changes.push_back({at, at, -1});
        break;
      case EventKind::kCompletionRetained:
        d.retained.changes.push_back({at, at, 1});
        break;
      case EventKind::kCompletionTaken:
        d.retained.changes.push_back({at, at, -1});
        break;
      case EventKind::kCompletionsDrained:
        d.retained.changes.push_back({at, at, -static_cast<std::int64_t>(e.detail)});
        break;
      case EventKind::kHeapReleased:
        (e.detail ? d.heaps : d.double_heaps).changes.push_back({at, at, e.detail ? -1 : 1});
        break;
      case EventKind::kNifCleaned:
        (e.detail ? d.nif : d.double_nif).changes.push_back({at, at, e.detail ? -1 : 1});
        break;
      case EventKind::kOutcomeTaken:
        d.ledger.changes.push_back({at, at, -1});
        break;
      case EventKind::kTombstoneEvicted:
        d.evictions.changes.push_back({at, at, 1});
        break;
      default:
        break;
    }
  }
  return d;
}

// The values a count read at some instant of [a, b] may have: whatever has
// surely happened by `a` for the low end, whatever may have happened by `b`
// for the high end, increases and decreases each on their own side.
std::pair<std::int64_t, std::int64_t> range(const Derived& d, std::uint64_t a, std::uint64_t b) {
  std::int64_t low = 0, high = 0;
  for (const Change& c : d.changes) {
    if (c.delta > 0) {
      if (c.to <= a) low += c.delta;
      if (c.from <= b) high += c.delta;
    } else {
      if (c.from <= b) low += c.delta;
      if (c.to <= a) high += c.delta;
    }
  }
  return {low, high};
}

std::string between(std::int64_t low, std::int64_t high) {
  return low == high ? std::to_string(low) : std::to_string(low) + " to " + std::to_string(high);
}

void compare(const DerivedCounts& derived, const RuntimeCounts& read, std::uint64_t a,
             std::uint64_t b, const std::string& when, Violations& out) {
  for (const Derived* d : derived.all()) {
    const auto [low, high] = range(*d, a, b);
    const auto value = static_cast<std::int64_t>(read.*(d->field));
    if (value >= low && value <= high) continue;
    add(out, Invariant::kCountsAreTrue,
        when + " the runtime counts " + std::to_string(value) + " " + d->what +
            ", where the run's events leave " + between(low, high),
        {a});
  }
}

std::size_t exits_before(const scenario::RunRecord& record, std::uint64_t seq) {
  return static_cast<std::size_t>(std::count_if(
      record.events.begin(), record.events.end(),
      [&](const Event& e) { return e.kind == EventKind::kExitPublished && e.seq < seq; }));
}

std::size_t alive(const scenario::ThreadsAt& at) {
  return static_cast<std::size_t>(std::count_if(at.unjoined.begin(), at.unjoined.end(),
                                                [](const auto& t) { return !t.finished; }));
}

void check_counts(const RunView& run, Violations& out) {
  const scenario::RunRecord& record = run.record;
  const DerivedCounts derived = derive(record);
  const std::size_t capacity = std::max<std::uint32_t>(run.scenario.config.tombstones, 1);
  const std::uint64_t quiescent = run.histories.quiescent_seq;
  if (quiescent != UINT64_MAX) {
    compare(derived, record.at_quiescence, quiescent, quiescent, "at quiescence", out);
    const std::size_t tombstones = std::min(exits_before(record, quiescent), capacity);
    if (record.at_quiescence.tombstones != tombstones) {
      add(out, Invariant::kCountsAreTrue,
          "at quiescence the runtime counts " + std::to_string(record.at_quiescence.tombstones) +
              " tombstones, where " + std::to_string(tombstones) +
              " exits are the most recent it keeps");
    }
    const std::size_t threads = alive(record.threads_at_quiescence);
    if (record.at_quiescence.runtime_threads_alive != threads) {
      add(out, Invariant::kCountsAreTrue,
          "at quiescence the runtime counts " +
              std::to_string(record.at_quiescence.runtime_threads_alive) +
              " threads alive, where " + std::to_string(threads) +
              " threads it started are still running");
    }
  }
  for (const auto& op : record.ops) {
    if (!std::holds_alternative<scenario::op::Counts>(op.op)) continue;
    const std::string when = RunView::describe_op(op) + " read that";
    compare(derived, op.counts, op.invoked, op.returned, when, out);
    const std::size_t low = std::min(exits_before(record, op.invoked), capacity);
    const std::size_t high = std::min(exits_before(record, op.returned), capacity);
    if (op.counts.tombstones < low || op.counts.tombstones > high) {
      add(out, Invariant::kCountsAreTrue,
          when + " the runtime counts " + std::to_string(op.counts.tombstones) +
              " tombstones, where the exits so far leave " +
              between(static_cast<std::int64_t>(low), static_cast<std::int64_t>(high)),
          {op.invoked});
    }
  }
}

// At quiescence the runtime holds a monitor (and its thread) for exactly the
// accepted monitors that have not fired, and its scheduler threads unless a
// shutdown came first: a fired monitor that stays registered is a leak.
void check_held(const RunView& run, Violations& out) {
  const std::uint64_t quiescent = run.histories.quiescent_seq;
  std::size_t waiting = 0;
  for (const auto& [pid, history] : run.histories.by_pid) {
    const Event* callback = history.first(EventKind::kCallback);
    for (const auto* op : history.monitors) {
      if (op->ok && (callback == nullptr || callback->seq > quiescent)) ++waiting;
    }
  }
  const bool shut_down = run.histories.shutdown_seq < quiescent;
  const std::size_t threads = (shut_down ? 0 : run.scenario.config.schedulers) + waiting;
  const auto& held = run.record.at_quiescence;
  if (held.monitors_pending != waiting || held.runtime_threads_alive != threads) {
    std::ostringstream text;
    text << "at quiescence the runtime holds " << held.monitors_pending << " monitors and "
         << held.runtime_threads_alive << " threads, where " << waiting
         << " monitors are still waiting and " << threads << " threads should be alive";
    add(out, Invariant::kNothingHeldAtQuiescence, text.str());
  }
  const RuntimeCounts& c = run.record.after_shutdown;
  if (c.live_processes || c.retained_completions || c.spawn_heaps_held || c.nif_states_held ||
      c.ledger_entries || c.monitors_pending || c.runtime_threads_alive) {
    std::ostringstream text;
    text << "after shutdown the runtime still holds something: " << c;
    add(out, Invariant::kNothingHeldAfterShutdown, text.str());
  }
}

}  // namespace

void check_quiescence(const RunView& run, Violations& out) {
  if (run.complete()) check_held(run, out);
  check_counts(run, out);
}

}  // namespace aion::oracle
