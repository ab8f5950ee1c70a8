// monitor_process and the monitor threads it starts: the part of
// RuntimeHandle that ports the seed's monitor module.
#include <memory>
#include <optional>
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

// The monitor threads that have finished, taken from their table in the install's own critical
// section and joined once the caller has let go of the state lock: a critical section of their
// own, which nearly always finds nothing, would order every install against every other use of
// the lock and multiply the classes of every scenario with a monitor.
class FinishedMonitorThreads {
 public:
  explicit FinishedMonitorThreads(RuntimeCore& core) : core_(core) {}
  FinishedMonitorThreads(const FinishedMonitorThreads&) = delete;
  FinishedMonitorThreads& operator=(const FinishedMonitorThreads&) = delete;
  // Under the state lock.
  void take() {
    for (auto slot = core_.monitor_threads.begin(); slot != core_.monitor_threads.end();) {
      if (slot->second.finished) {
        threads_.push_back(std::move(slot->second.thread));
        slot = core_.monitor_threads.erase(slot);
      } else {
        ++slot;
      }
    }
    // Counted while joined outside the lock, so that shutdown waits for them.
    core_.monitor_threads_joining += threads_.size();
  }
  // Without the state lock.
  ~FinishedMonitorThreads() {
    if (threads_.empty()) return;
    for (auto& thread : threads_) thread->join();
    platform::LockGuard lock(*core_.mutex);
    core_.monitor_threads_joining -= threads_.size();
    core_.outside_work_done->notify_all();
  }

 private:
  RuntimeCore& core_;
  std::vector<std::unique_ptr<platform::Thread>> threads_;
};

}  // namespace

Result<ProcessMonitorHandle> RuntimeHandle::monitor_process(Pid pid, MonitorCallback callback) {
  if (!callback) {
    return EngineError{ErrorKind::kInvalidArgument, refusal(pid, "the callback is empty")};
  }
  core_.platform.yield_point("monitor.install", pid);
  FinishedMonitorThreads finished(core_);
  platform::LockGuard lock(*core_.mutex);
  const RuntimeDefects& defects = core_.config.defects;
  if (core_.shutting_down) {
    return EngineError{ErrorKind::kShutDown, refusal(pid, "the runtime is shut down")};
  }
  finished.take();
  // R2: the check as first written, before fast exits were understood.
  const bool monitorable = defects.has(Defect::kR2MonitorChecksLiveness)
                               ? core_.find_live(pid) != nullptr
                               : core_.spawned(pid);
  if (!monitorable) {
    if (defects.has(Defect::kRefusalCleansUp)) {
      // "Nothing can leak from a refused pid."
      lock.unlock();
      core_.release_resources(pid);
    }
    return EngineError{ErrorKind::kNeverSpawned,
                       refusal(pid, defects.has(Defect::kVagueNeverSpawned)
                                        ? "unknown pid"
                                        : "it was never spawned by this runtime")};
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
  if (defects.has(Defect::kCallbackOnCaller) && core_.ledger.has_exited(pid)) {
    // "An exited process needs no thread to wait on it."
    const std::optional<ExitRecord> exit = core_.take_outcome(pid);
    lock.unlock();
    core_.release_resources(pid);
    callback(workflow_process_outcome(pid, *exit, core_.atoms));
    return ProcessMonitorHandle{};
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
  if (defects.has(Defect::kHeapFreedEarly)) {
    // "The monitor owns the process's memory from the start."
    lock.unlock();
    core_.release_heap(pid);
    lock.lock();
  }
  wait_for_exit(lock, pid, record);
  const bool shut_down = core_.shutting_down;
  const std::optional<ExitRecord> exit = core_.take_outcome(pid);
  MonitorCallback callback = std::move(record.callback);
  lock.unlock();

  if (!defects.has(Defect::kHeapFreedEarly)) core_.release_heap(pid);
  core_.clean_nif(pid);
  const bool drain_late = defects.has(Defect::kDrainAfterCallback);
  if (!drain_late) core_.drain_completions(pid);
  struct Retire {
    RuntimeCore& core;
    Pid pid;
    std::uint64_t id;
    ~Retire() {
      platform::LockGuard relock(*core.mutex);
      if (!core.config.defects.has(Defect::kFiredMonitorStaysRegistered)) {
        erase_monitor(core, pid, id);
      }
      if (auto slot = core.monitor_threads.find(id); slot != core.monitor_threads.end()) {
        slot->second.finished = true;
      }
      if (core.config.defects.has(Defect::kPidReused) && core.find_live(pid) == nullptr) {
        core.recycled_pids.push_back(pid);
      }
    }
  } retire{core_, pid, id};
  if (defects.has(Defect::kR8CallbackDroppedAtShutdown) && !shut_down) {
    // R8: callbacks were handed to a dispatcher that shutdown closes,
    // trusting shutdown to flush whatever was still pending.
    platform::LockGuard relock(*core_.mutex);
    if (core_.shutting_down) return;
  }
  const auto report = [&]() -> Result<WorkflowProcessOutcome> {
    const auto who = [pid] { return "process " + std::to_string(pid); };
    if (shut_down) {
      return EngineError{ErrorKind::kShutDown, who() + " was not reported: the runtime shut down"};
    }
    if (!exit) {
      return WorkflowProcessOutcome{
          Failed{who() + " has no recorded outcome", "outcome already taken"}};
    }
    if (defects.has(Defect::kErrorCompletes) && exit->tag == ResultTag::kError) {
      return WorkflowProcessOutcome{Completed{exit->value}};
    }
    return workflow_process_outcome(pid, *exit, core_.atoms);
  };
  Result<WorkflowProcessOutcome> result = report();
  {
    // "Retiring and reporting in one critical section, so nothing sees a half-retired monitor."
    std::optional<platform::LockGuard> held;
    if (defects.has(Defect::kCallbackUnderLock)) held.emplace(*core_.mutex);
    callback(std::move(result));
  }
  if (drain_late) core_.drain_completions(pid);
}

void RuntimeHandle::wait_for_exit(platform::LockGuard& lock, Pid pid, MonitorRecord& record) {
  const RuntimeDefects& defects = core_.config.defects;
  if (defects.has(Defect::kR7WaitOnTombstone)) {
    // R7: the seed's outcome module waited for the scheduler's exit tombstone.
    while (!core_.tombstones.find(pid)) record.exit_published->wait(*core_.mutex);
  } else if (defects.has(Defect::kMonitorChecksThenWaits)) {
    // Checked, let go for a moment, then waited: with a timeout "in case".
    while (!core_.ledger.has_exited(pid)) {
      lock.unlock();
      core_.platform.yield_point("monitor.recheck", pid);
      lock.lock();
      (void)record.exit_published->wait_for(*core_.mutex, 600 * platform::kSecond);
    }
  } else {
    while (!core_.ledger.has_exited(pid)) record.exit_published->wait(*core_.mutex);
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

}  // namespace aion::runtime
