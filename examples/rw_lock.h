// A writer-preferring reader-writer lock: once a writer waits, new readers wait for it. Buggy
// use: a reader that takes the read lock again while holding it (a helper that reads too)
// waits for the writer, which waits for that reader: deadlock. Fixed, the helper is given
// the lock its caller holds instead of taking it again.
#pragma once

#include <mutex>

#include "platform/std_types.h"

namespace examples {

class RwLock {
 public:
  void lock_shared() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !writer_ && writers_waiting_ == 0; });
    ++readers_;
  }
  void unlock_shared() {
    std::lock_guard lock(mutex_);
    if (--readers_ == 0) changed_.notify_all();
  }
  void lock() {
    std::unique_lock lock(mutex_);
    ++writers_waiting_;
    changed_.wait(lock, [&] { return !writer_ && readers_ == 0; });
    --writers_waiting_;
    writer_ = true;
  }
  void unlock() {
    std::lock_guard lock(mutex_);
    writer_ = false;
    changed_.notify_all();
  }

 private:
  aion::mutex mutex_;
  aion::condition_variable changed_;
  int readers_ = 0;
  int writers_waiting_ = 0;
  bool writer_ = false;
};

template <bool kFixed>
int read_twice(RwLock& lock, const aion::atomic<int>& value) {
  lock.lock_shared();
  const int first = value.load();
  if (!kFixed) lock.lock_shared();  // the helper's own read lock
  const int second = value.load();
  if (!kFixed) lock.unlock_shared();
  lock.unlock_shared();
  return first + second;
}

}  // namespace examples
