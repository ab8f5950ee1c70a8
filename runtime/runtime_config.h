// RuntimeConfig: the knobs a runtime instance is built with.
#pragma once

#include <cstddef>

#include "runtime/lifecycle_observer.h"
#include "runtime/runtime_defects.h"

namespace aion::runtime {

struct RuntimeConfig {
  // Scheduler threads that run processes; at least 1.
  std::size_t scheduler_threads = 1;
  // How many recent exits the tombstone FIFO remembers; at least 1.
  std::size_t tombstone_capacity = 64;
  // Reductions a process runs before it goes to the back of the run queue.
  std::size_t reductions_per_slice = 4;
  // Bytes allocated per process at spawn (its spawn heap).
  std::size_t spawn_heap_bytes = 256;
  // Hears every lifecycle transition (not owned; may be null).
  LifecycleObserver* observer = nullptr;
  // Re-created race classes, for the bug zoo; none by default.
  RuntimeDefects defects;

  static RuntimeConfig with_schedulers(std::size_t threads) {
    RuntimeConfig config;
    config.scheduler_threads = threads;
    return config;
  }
};

}  // namespace aion::runtime
