#include "sim/oracle/run_view.h"

#include <algorithm>
#include <sstream>

#include "sim/scenario/scenario_text.h"

namespace aion::oracle {

std::string RunView::name_of(runtime::Pid pid) const {
  std::string name = "process " + std::to_string(pid);
  const auto found = histories.by_pid.find(pid);
  if (found != histories.by_pid.end() && found->second.label) {
    name += " (p" + std::to_string(*found->second.label) + ")";
  }
  return name;
}

const std::string& RunView::thread_name(std::uint32_t thread) const {
  static const std::string unknown = "?";
  return thread < record.threads.size() ? record.threads[thread] : unknown;
}

std::string RunView::describe_op(const scenario::OpRecord& op) {
  return "'" + scenario::render_op(op.op) + "' (" +
         (op.branch < 0 ? std::string("prefix") : "branch " + std::to_string(op.branch + 1)) + ")";
}

std::string monitor_thread_name(runtime::Pid pid) {
  return "aion-workflow-monitor-" + std::to_string(pid);
}

runtime::WorkflowProcessOutcome expected_outcome(runtime::Pid pid,
                                                 const runtime::ExitRecord& exit) {
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

void add(Violations& out, Invariant invariant, std::string sentence,
         std::initializer_list<std::uint64_t> seqs) {
  out.push_back({invariant, std::move(sentence), std::vector<std::uint64_t>(seqs)});
}

}  // namespace aion::oracle
