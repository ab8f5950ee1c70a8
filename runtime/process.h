// Process: one workflow process as the scheduler sees it. Its fields are
// guarded by the runtime's state lock, except the program counter fields,
// which only the scheduler thread running the process touches.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "platform/platform.h"
#include "runtime/pid.h"
#include "runtime/workflow_program.h"

namespace aion::runtime {

enum class ProcessState {
  kRunnable,  // in the run queue
  kRunning,   // a scheduler thread is executing its steps
  kAwaiting,  // parked until one of `awaiting` is delivered
  kSleeping,  // parked until its timer fires
  kParked,    // parked until cancelled
  kExited,    // exit published; about to leave the live table
};

struct Process {
  Pid pid = kNoPid;
  WorkflowProgram program;
  ProcessState state = ProcessState::kRunnable;
  bool cancel_requested = false;

  std::size_t pc = 0;
  std::uint32_t reductions_done = 0;
  // Whether the current step already began (an await with some correlations
  // still missing, a sleep whose timer is armed).
  bool step_started = false;
  bool timer_fired = false;
  platform::Nanos wake_at = 0;
  std::vector<Correlation> awaiting;
  std::vector<std::string> taken;
};

}  // namespace aion::runtime
