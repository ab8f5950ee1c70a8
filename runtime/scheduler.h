// Scheduler: the scheduler threads. Each takes runnable processes from the
// run queue and executes their steps: a slice of reductions (each a yield
// point), then the process goes to the back of the queue. A process that
// awaits, sleeps or waits for cancellation is parked, not spinning; idle
// threads wait for work, or for the earliest sleeper's timer.
//
// Exits follow the runtime's ordering: the exit is published first (the
// outcome becomes observable), then the pid leaves the live table.
#pragma once

#include <memory>
#include <vector>

#include "platform/platform.h"
#include "runtime/result.h"
#include "runtime/runtime_core.h"

namespace aion::runtime {

class Scheduler {
 public:
  explicit Scheduler(RuntimeCore& core) : core_(core) {}

  // Starts config.scheduler_threads threads; on failure none stays running.
  Status start();
  // Call after setting core.shutting_down and notifying work_available.
  void join();

 private:
  void loop();
  void fire_due_timers();
  void run_slice(platform::LockGuard& lock, Process& process);
  // Executes the current step; false once the process parked, exited or
  // used its slice.
  bool run_step(platform::LockGuard& lock, Process& process, std::size_t& budget);
  bool run_await(Process& process, bool any);
  void exit(platform::LockGuard& lock, Process& process, ExitRecord exit);

  RuntimeCore& core_;
  std::vector<std::unique_ptr<platform::Thread>> threads_;
};

}  // namespace aion::runtime
