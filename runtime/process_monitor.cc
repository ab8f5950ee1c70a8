// monitor_process and the monitor threads it starts: the part of
// RuntimeHandle that ports the seed's monitor module.
#include <string>
#include <utility>
#include <vector>

#include "runtime/runtime_handle.h"

namespace aion::runtime {
namespace {

std::string refusal(Pid pid, const std::string& reason) {
  return "cannot monitor process " + std::to_string(pid) + ": " + reason;
}

MonitorRecord* find_monitor(RuntimeCore& core, Pid pid, std::uint64_t id) {
  const auto [first, last] = core.monitors.equal_range(pid);
  for (auto monitor = first; monitor != last; ++monitor) {
    if (monitor->second.id == id) return &monitor->second;
  }
  return nullptr;
}

void erase_monitor(RuntimeCore& core, Pid pid, std::uint64_t id) {
  const auto [first, last] = core.monitors.equal_range(pid);
  for (auto monitor = first; monitor != last; ++monitor) {
    if (monitor->second.id == id) {
      core.monitors.erase(monitor);
      return;
    }
  }
}

}  // namespace

Result<ProcessMonitorHandle> RuntimeHandle::monitor_process(Pid pid, MonitorCallback callback) {
  if (!callback) {
    return EngineError{ErrorKind::kInvalidArgument, refusal(pid, "the callback is empty")};
  }
  join_finished_monitor_threads();
  core_.platform.yield_point("monitor.install", pid);
  platform::LockGuard lock(*core_.mutex);
  const RuntimeDefects& defects = core_.config.defects;
  if (core_.shutting_down) {
    return EngineError{ErrorKind::kShutDown, refusal(pid, "the runtime is shut down")};
  }
  // R2: the check as first written, before fast exits were understood.
  const bool monitorable = defects.has(Defect::kR2MonitorChecksLiveness)
                               ? core_.find_live(pid) != nullptr
                               : core_.spawned(pid);
  if (!monitorable) {
    return EngineError{ErrorKind::kNeverSpawned,
                       refusal(pid, "it was never spawned by this runtime")};
  }
  // The ledger keeps a spawned pid's outcome until it is taken, however long
  // ago the process exited: only a taken outcome refuses a monitor. Checked
  // before the monitor registry: a monitor that took the outcome stays
  // registered until its callback returned, and a retry in that window (from
  // the callback itself, or once it signalled) is told the outcome is gone.
  if (!core_.ledger.contains(pid)) {
    return EngineError{ErrorKind::kOutcomeConsumed,
                       refusal(pid, "its outcome was already consumed by an earlier monitor")};
  }
  // R6: a retry path was allowed to install a second monitor.
  if (!defects.has(Defect::kR6DuplicateMonitors) && core_.monitors.count(pid) != 0) {
    return EngineError{ErrorKind::kAlreadyMonitored, refusal(pid, "it already has a monitor")};
  }
  const std::uint64_t id = core_.next_monitor_id++;
  core_.monitors.emplace(pid, MonitorRecord{id, std::move(callback),
                                            core_.platform.new_condvar("monitor.exit_published")});
  // Started under the state lock so that shutdown sees either no monitor or
  // one whose thread exists.
  auto start = core_.platform.start_thread("aion-workflow-monitor-" + std::to_string(pid),
                                           [this, pid, id] { run_monitor(pid, id); });
  if (start.ok()) {
    core_.monitor_threads[id] = MonitorThread{std::move(start.thread), false};
    return ProcessMonitorHandle{};
  }
  erase_monitor(core_, pid, id);
  lock.unlock();
  // R5: the error went back to the caller and nothing else happened.
  if (!defects.has(Defect::kR5NoInstallUndo)) undo_installation(pid);
  return EngineError{
      ErrorKind::kThreadStartFailed,
      "failed to spawn workflow monitor for process " + std::to_string(pid) + ": " + start.error};
}

void RuntimeHandle::run_monitor(Pid pid, std::uint64_t id) {
  const RuntimeDefects& defects = core_.config.defects;
  platform::LockGuard lock(*core_.mutex);
  MonitorRecord& record = *find_monitor(core_, pid, id);
  if (defects.has(Defect::kR7WaitOnTombstone)) {
    // R7: the seed's outcome module waited for the scheduler's exit tombstone.
    while (!core_.tombstones.find(pid)) record.exit_published->wait(*core_.mutex);
  } else {
    while (!core_.ledger.has_exited(pid)) record.exit_published->wait(*core_.mutex);
  }
  const bool shut_down = core_.shutting_down;
  const std::optional<ExitRecord> exit = core_.take_outcome(pid);
  MonitorCallback callback = std::move(record.callback);
  lock.unlock();

  core_.release_resources(pid);
  struct Retire {
    RuntimeCore& core;
    Pid pid;
    std::uint64_t id;
    ~Retire() {
      platform::LockGuard relock(*core.mutex);
      erase_monitor(core, pid, id);
      if (auto slot = core.monitor_threads.find(id); slot != core.monitor_threads.end()) {
        slot->second.finished = true;
      }
    }
  } retire{core_, pid, id};
  if (defects.has(Defect::kR8CallbackDroppedAtShutdown) && !shut_down) {
    // R8: callbacks were handed to a dispatcher that shutdown closes,
    // trusting shutdown to flush whatever was still pending.
    platform::LockGuard relock(*core_.mutex);
    if (core_.shutting_down) return;
  }
  const std::string who = "process " + std::to_string(pid);
  if (shut_down) {
    callback(EngineError{ErrorKind::kShutDown, who + " was not reported: the runtime shut down"});
  } else if (!exit) {
    callback(
        WorkflowProcessOutcome{Failed{who + " has no recorded outcome", "outcome already taken"}});
  } else {
    callback(workflow_process_outcome(pid, *exit, core_.atoms));
  }
}

void RuntimeHandle::undo_installation(Pid pid) {
  platform::LockGuard lock(*core_.mutex);
  if (Process* process = core_.find_live(pid);
      process != nullptr && process->state != ProcessState::kExited) {
    core_.request_cancel(*process);
  }
  core_.wait_until_gone(pid);
  // A monitor installed meanwhile by another caller owns the pid now.
  if (core_.monitors.count(pid) != 0 || !core_.take_outcome(pid)) return;
  ++core_.undo_releases;
  lock.unlock();
  core_.release_resources(pid);
  lock.lock();
  --core_.undo_releases;
  core_.outside_work_done->notify_all();
}

void RuntimeHandle::join_finished_monitor_threads() {
  std::vector<std::unique_ptr<platform::Thread>> finished;
  platform::LockGuard lock(*core_.mutex);
  for (auto slot = core_.monitor_threads.begin(); slot != core_.monitor_threads.end();) {
    if (slot->second.finished) {
      finished.push_back(std::move(slot->second.thread));
      slot = core_.monitor_threads.erase(slot);
    } else {
      ++slot;
    }
  }
  if (finished.empty()) return;
  // Counted while joined outside the lock, so that shutdown waits for them.
  core_.monitor_threads_joining += finished.size();
  lock.unlock();
  for (auto& thread : finished) thread->join();
  lock.lock();
  core_.monitor_threads_joining -= finished.size();
  core_.outside_work_done->notify_all();
}

}  // namespace aion::runtime
