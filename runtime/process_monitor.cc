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

}  // namespace

Result<ProcessMonitorHandle> RuntimeHandle::monitor_process(Pid pid, MonitorCallback callback) {
  join_finished_monitor_threads();
  core_.platform.yield_point("monitor.install", pid);
  platform::LockGuard lock(*core_.mutex);
  if (core_.shutting_down) {
    return EngineError{ErrorKind::kShutDown, refusal(pid, "the runtime is shut down")};
  }
  if (!core_.spawned(pid)) {
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
  if (core_.monitors.count(pid) != 0) {
    return EngineError{ErrorKind::kAlreadyMonitored, refusal(pid, "it already has a monitor")};
  }
  core_.monitors.emplace(pid, MonitorRecord{std::move(callback),
                                            core_.platform.new_condvar("monitor.exit_published")});
  // Started under the state lock so that shutdown sees either no monitor or
  // one whose thread exists.
  auto start = core_.platform.start_thread("aion-workflow-monitor-" + std::to_string(pid),
                                           [this, pid] { run_monitor(pid); });
  if (start.ok()) {
    core_.monitor_threads[pid] = MonitorThread{std::move(start.thread), false};
    return ProcessMonitorHandle{};
  }
  core_.monitors.erase(pid);
  lock.unlock();
  undo_installation(pid);
  return EngineError{
      ErrorKind::kThreadStartFailed,
      "failed to spawn workflow monitor for process " + std::to_string(pid) + ": " + start.error};
}

void RuntimeHandle::run_monitor(Pid pid) {
  platform::LockGuard lock(*core_.mutex);
  MonitorRecord& record = core_.monitors.at(pid);
  while (!core_.ledger.has_exited(pid)) record.exit_published->wait(*core_.mutex);
  const bool shut_down = core_.shutting_down;
  const std::optional<ExitRecord> exit = core_.take_outcome(pid);
  MonitorCallback callback = std::move(record.callback);
  lock.unlock();

  core_.release_resources(pid);
  struct Retire {
    RuntimeCore& core;
    Pid pid;
    ~Retire() {
      platform::LockGuard relock(*core.mutex);
      core.monitors.erase(pid);
      if (auto slot = core.monitor_threads.find(pid); slot != core.monitor_threads.end()) {
        slot->second.finished = true;
      }
    }
  } retire{core_, pid};
  if (shut_down) {
    callback(EngineError{ErrorKind::kShutDown, "process " + std::to_string(pid) +
                                                   " was not reported: the runtime shut down"});
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
  lock.unlock();
  core_.release_resources(pid);
}

void RuntimeHandle::join_finished_monitor_threads() {
  std::vector<std::unique_ptr<platform::Thread>> finished;
  {
    platform::LockGuard lock(*core_.mutex);
    for (auto slot = core_.monitor_threads.begin(); slot != core_.monitor_threads.end();) {
      if (slot->second.finished) {
        finished.push_back(std::move(slot->second.thread));
        slot = core_.monitor_threads.erase(slot);
      } else {
        ++slot;
      }
    }
  }
  for (auto& thread : finished) thread->join();
}

}  // namespace aion::runtime
