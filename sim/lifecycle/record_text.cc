#include "sim/lifecycle/record_text.h"

#include <algorithm>
#include <sstream>

#include "sim/scenario/scenario_text.h"

namespace aion::lifecycle {
namespace {

using scenario::EventKind;

std::string outcome_text(const runtime::WorkflowProcessOutcome& outcome) {
  std::ostringstream out;
  out << outcome;
  return out.str();
}

std::string exit_text(const runtime::ExitRecord& exit) {
  if (exit.tag == runtime::ResultTag::kCrash) return "crashed (" + exit.value + ")";
  switch (exit.reason) {
    case runtime::AtomTable::kNormal:
      return exit.tag == runtime::ResultTag::kError ? "{error, " + exit.value + "}"
                                                    : "{ok, " + exit.value + "}";
    case runtime::AtomTable::kCancelled:
      return "cancelled";
    case runtime::AtomTable::kShutdown:
      return "stopped by shutdown";
    default:
      return "crashed";
  }
}

std::string counted(std::uint64_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

}  // namespace

RecordText::RecordText(const scenario::RunRecord& record) : record_(record) {
  for (const auto& op : record.ops) {
    by_seq_.push_back({op.invoked, Entry{invoked(op), op.pid, true}});
    by_seq_.push_back({op.returned, Entry{returned(op), op.pid, true}});
  }
  for (const auto& event : record.events) {
    by_seq_.push_back({event.seq, Entry{this->event(event), event.pid, false}});
  }
  std::sort(by_seq_.begin(), by_seq_.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
}

std::string RecordText::process(runtime::Pid pid) const {
  for (std::size_t label = 0; label < record_.label_pids.size(); ++label) {
    if (record_.label_pids[label] == pid) return "p" + std::to_string(label);
  }
  return "pid " + std::to_string(pid);
}

std::string RecordText::event(const scenario::Event& e) const {
  const std::string who = process(e.pid);
  switch (e.kind) {
    case EventKind::kExitPublished:
      return "exit of " + who + " published: " + exit_text(e.exit);
    case EventKind::kLeftLiveTable:
      return who + " left the live table";
    case EventKind::kCompletionRetained:
      return "completion " + std::to_string(e.detail) + " retained for " + who;
    case EventKind::kCompletionTaken:
      return who + " took completion " + std::to_string(e.detail);
    case EventKind::kCompletionsDrained:
      return "drained " + counted(e.detail, "completion") + " of " + who;
    case EventKind::kHeapReleased:
      return "heap of " + who + (e.detail ? " released" : " released again (it was not held)");
    case EventKind::kNifCleaned:
      return "NIF state of " + who + (e.detail ? " cleaned" : " cleaned again (it was not held)");
    case EventKind::kOutcomeTaken:
      return "outcome of " + who + " claimed";
    case EventKind::kTombstoneEvicted:
      return "tombstone of " + who + " evicted";
    case EventKind::kCallback:
      if (e.error) {
        return "callback of " + who + ": error " + runtime::to_string(*e.error) + " (" + e.message +
               ")";
      }
      return "callback of " + who + ": " + outcome_text(*e.outcome);
    case EventKind::kQuiescent:
      return "quiescent: every thread idle";
  }
  return scenario::event_name(e.kind);
}

std::string RecordText::invoked(const scenario::OpRecord& op) const {
  return scenario::render_op(op.op) + " begins";
}

std::string RecordText::returned(const scenario::OpRecord& op) const {
  const std::string what = scenario::render_op(op.op);
  if (!op.ok) {
    return what + ": refused, " + std::string(runtime::to_string(*op.error)) + " (" + op.message +
           ")";
  }
  return std::visit(
      [&](const auto& o) -> std::string {
        using O = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<O, scenario::op::Spawn>) {
          return what + ": " + process(op.pid) + " is pid " + std::to_string(op.pid);
        } else if constexpr (std::is_same_v<O, scenario::op::Monitor>) {
          return what + ": accepted";
        } else if constexpr (std::is_same_v<O, scenario::op::IsLive>) {
          return what + ": " + (op.live ? "true" : "false");
        } else if constexpr (std::is_same_v<O, scenario::op::RecentExit>) {
          return what + ": " + (op.recent ? outcome_text(*op.recent) : std::string("nothing"));
        } else if constexpr (std::is_same_v<O, scenario::op::Counts>) {
          std::ostringstream out;
          out << what << ": " << op.counts;
          return out.str();
        } else if constexpr (std::is_same_v<O, scenario::op::Churn>) {
          if (op.churned.empty()) return what + ": spawned nothing";
          return what + ": spawned pids " + std::to_string(op.churned.front()) + " to " +
                 std::to_string(op.churned.back());
        } else {
          return what + ": ok";
        }
      },
      op.op);
}

std::optional<RecordText::Entry> RecordText::entry(std::uint64_t seq) const {
  const auto found =
      std::lower_bound(by_seq_.begin(), by_seq_.end(), seq,
                       [](const auto& entry, std::uint64_t value) { return entry.first < value; });
  if (found == by_seq_.end() || found->first != seq) return std::nullopt;
  return found->second;
}

}  // namespace aion::lifecycle
