// Pending virtual-time deadlines: sleeps, timed-wait timeouts and delayed wake-ups.
//
// A min-heap ordered by (deadline, insertion order), so timers due at the same instant fire in
// the order they were set: deterministic. Timers are never removed early; each carries the
// waking fiber's wait token at the time it was set, and the scheduler ignores a timer whose
// token no longer matches (the fiber was woken otherwise in between). Storage is reserved and
// reused across runs.
#pragma once

#include <cstdint>
#include <vector>

#include "platform/platform.h"

namespace aion::sim {

struct Timer {
  platform::Nanos deadline = 0;
  std::uint64_t order = 0;
  std::uint32_t fiber = 0;
  std::uint64_t token = 0;
};

class TimerQueue {
 public:
  TimerQueue() { heap_.reserve(64); }

  void clear() {
    heap_.clear();
    next_order_ = 0;
  }
  bool empty() const { return heap_.empty(); }
  const Timer& earliest() const { return heap_.front(); }
  void push(platform::Nanos deadline, std::uint32_t fiber, std::uint64_t token);
  void pop();

 private:
  std::vector<Timer> heap_;
  std::uint64_t next_order_ = 0;
};

}  // namespace aion::sim
