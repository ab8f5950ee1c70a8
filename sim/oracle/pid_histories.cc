#include "sim/oracle/pid_histories.h"

#include <algorithm>

namespace aion::oracle {
namespace {

using scenario::EventKind;

std::vector<scenario::Shape> spawn_shapes(const scenario::Scenario& scenario) {
  std::vector<scenario::Shape> shapes;
  auto add = [&shapes](const std::vector<scenario::Op>& ops) {
    for (const auto& op : ops) {
      if (const auto* spawn = std::get_if<scenario::op::Spawn>(&op)) shapes.push_back(spawn->shape);
    }
  };
  add(scenario.prefix);
  for (const auto& branch : scenario.branches) add(branch);
  return shapes;
}

}  // namespace

const scenario::Event* PidHistory::first(EventKind kind) const {
  for (const auto* event : events) {
    if (event->kind == kind) return event;
  }
  return nullptr;
}

std::size_t PidHistory::count(EventKind kind) const {
  return static_cast<std::size_t>(std::count_if(
      events.begin(), events.end(), [kind](const auto* event) { return event->kind == kind; }));
}

PidHistories group_by_pid(const scenario::Scenario& scenario, const scenario::RunRecord& record) {
  PidHistories histories;
  const auto shapes = spawn_shapes(scenario);
  for (std::size_t label = 0; label < record.label_pids.size(); ++label) {
    const runtime::Pid pid = record.label_pids[label];
    if (pid == runtime::kNoPid) continue;
    auto& history = histories.by_pid[pid];
    history.spawned = true;
    history.label = static_cast<std::uint32_t>(label);
    history.shape = shapes[label];
  }
  for (const auto& event : record.events) {
    if (event.kind == EventKind::kQuiescent) {
      histories.quiescent_seq = std::min(histories.quiescent_seq, event.seq);
      histories.shutdown_seq = std::min(histories.shutdown_seq, event.seq);
      continue;
    }
    histories.by_pid[event.pid].events.push_back(&event);
  }
  for (const auto& op : record.ops) {
    if (std::holds_alternative<scenario::op::Shutdown>(op.op)) {
      histories.shutdown_seq = std::min(histories.shutdown_seq, op.invoked);
    }
    for (const runtime::Pid churned : op.churned) histories.by_pid[churned].spawned = true;
    if (op.pid == runtime::kNoPid) continue;
    if (std::holds_alternative<scenario::op::Monitor>(op.op)) {
      histories.by_pid[op.pid].monitors.push_back(&op);
    } else if (std::holds_alternative<scenario::op::Cancel>(op.op)) {
      histories.by_pid[op.pid].cancels.push_back(&op);
    } else if (std::holds_alternative<scenario::op::Deliver>(op.op)) {
      histories.by_pid[op.pid].deliveries.push_back(&op);
    }
  }
  return histories;
}

}  // namespace aion::oracle
