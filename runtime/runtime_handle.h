// RuntimeHandle: the workflow runtime. It spawns workflow processes, runs them
// on scheduler threads, records how they exit, takes activity completions,
// and runs monitors that fire exactly once when a process is gone and its
// resources are released. The contract is ../shared/spec/runtime.md; the
// choices it leaves open are written down here:
//
// - "Exited" means the exit was published. From then on the outcome is
//   observable, deliveries are refused, and the pid's monitor may clean up,
//   even while is_live still reads true for a moment (the exit window).
// - Resources of an exited pid (spawn heap, NIF state, retained completions)
//   are released by whoever takes its ledger entry: its monitor, the undo of
//   a monitor that could not start, or shutdown.
// - cancel_pid returns once the process has left the live table.
// - shutdown stops the schedulers, exits every live process (reason
//   'shutdown'), fires every pending monitor with a kShutDown error, releases
//   everything, joins every thread, and refuses all later calls. A monitor
//   that claimed its process's exit before shutdown began reports the real
//   outcome. Callbacks must not call shutdown() or throw.
//
// All threads, locks, waits and time come from the Platform it is built on.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "platform/platform.h"
#include "runtime/outcome.h"
#include "runtime/pid.h"
#include "runtime/result.h"
#include "runtime/runtime_config.h"
#include "runtime/runtime_core.h"
#include "runtime/runtime_counts.h"
#include "runtime/scheduler.h"
#include "runtime/workflow_program.h"

namespace aion::runtime {

class ProcessMonitorHandle {
 public:
  bool is_installed() const { return installed_; }

 private:
  friend class RuntimeHandle;
  ProcessMonitorHandle() = default;
  bool installed_ = true;
};

class RuntimeHandle {
 public:
  // Starts the scheduler threads; fails if one cannot start.
  static Result<std::unique_ptr<RuntimeHandle>> create(platform::Platform& platform,
                                                       RuntimeConfig config);
  ~RuntimeHandle();
  RuntimeHandle(const RuntimeHandle&) = delete;
  RuntimeHandle& operator=(const RuntimeHandle&) = delete;

  Result<Pid> spawn(WorkflowProgram program);
  // A process that runs until cancelled.
  Result<Pid> spawn_test_process();

  bool is_live(Pid pid);
  Status cancel_pid(Pid pid);
  Status deliver_activity_completion(Pid pid, Correlation correlation, std::string payload);
  Result<ProcessMonitorHandle> monitor_process(Pid pid, MonitorCallback callback);
  Status shutdown();

  // How pid exited, from the tombstones: nothing once evicted. Consumes nothing.
  std::optional<WorkflowProcessOutcome> recent_exit(Pid pid);
  RuntimeCounts counts();

 private:
  RuntimeHandle(platform::Platform& platform, RuntimeConfig config);

  void run_monitor(Pid pid, std::uint64_t monitor_id);
  void wait_for_exit(platform::LockGuard& lock, Pid pid, MonitorRecord& record);
  // The monitor of pid could not start: end the process, release all it holds.
  // A monitor installed meanwhile by another caller sees the process cancelled
  // by this undo, which the contract allows: the undo came after it.
  void undo_installation(Pid pid);

  RuntimeCore core_;
  Scheduler scheduler_;
  bool scheduler_started_ = false;
  // Monitor threads the shutdown-joins-late defect left for the destructor.
  std::vector<std::unique_ptr<platform::Thread>> late_joins_;
};

}  // namespace aion::runtime
