// A bounded queue whose producers and consumers share one condition variable. Buggy, it wakes
// one waiter (notify_one) after each put or take: with two producers and two consumers the
// one woken can be of the same side, which goes back to waiting, and the wake-up the other
// side needed is lost: everyone waits. Fixed, it wakes them all.
#pragma once

#include <deque>
#include <mutex>

#include "platform/std_types.h"

namespace examples {

template <bool kFixed>
class BoundedQueue {
 public:
  explicit BoundedQueue(std::size_t capacity) : capacity_(capacity) {}

  void put(int value) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return items_.size() < capacity_; });
    items_.push_back(value);
    wake();
  }
  int take() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !items_.empty(); });
    const int value = items_.front();
    items_.pop_front();
    wake();
    return value;
  }

 private:
  void wake() {
    if (kFixed) {
      changed_.notify_all();
    } else {
      changed_.notify_one();
    }
  }

  std::size_t capacity_;
  aion::mutex mutex_;
  aion::condition_variable changed_;
  std::deque<int> items_;
};

}  // namespace examples
