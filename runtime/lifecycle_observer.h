// LifecycleObserver: hears every lifecycle transition of the runtime, for
// test oracles that check ordering (cleanup after exit and before the
// callback, nothing twice). Calls come from whichever runtime thread made the
// transition, some with runtime locks held: an observer must not call back
// into the runtime, and must synchronise itself when threads are real.
#pragma once

#include <cstddef>

#include "runtime/exit_record.h"
#include "runtime/pid.h"
#include "runtime/workflow_program.h"

namespace aion::runtime {

class LifecycleObserver {
 public:
  virtual ~LifecycleObserver() = default;

  virtual void exit_published(Pid /*pid*/, const ExitRecord& /*exit*/) {}
  virtual void left_live_table(Pid /*pid*/) {}
  virtual void completion_retained(Pid /*pid*/, Correlation /*correlation*/) {}
  virtual void completion_taken(Pid /*pid*/, Correlation /*correlation*/) {}
  virtual void completions_drained(Pid /*pid*/, std::size_t /*count*/) {}
  virtual void heap_released(Pid /*pid*/, bool /*was_held*/) {}
  virtual void nif_cleaned(Pid /*pid*/, bool /*was_held*/) {}
  // The pid's exactly-once ledger entry was taken (by a monitor or shutdown).
  virtual void outcome_taken(Pid /*pid*/) {}
  virtual void tombstone_evicted(Pid /*pid*/) {}
};

}  // namespace aion::runtime
