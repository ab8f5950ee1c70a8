// Double-checked initialisation. Buggy, the initialiser publishes "ready" before it has
// stored the value, so a reader that sees the flag without taking the lock reads the value
// unset. Fixed, the value is stored first.
#pragma once

#include <mutex>

#include "platform/std_types.h"

namespace examples {

template <bool kFixed>
class LazyValue {
 public:
  int get() {
    if (!ready_.load()) {
      std::lock_guard lock(mutex_);
      if (!ready_.load()) {
        if (kFixed) {
          value_.store(42);
          ready_.store(true);
        } else {
          ready_.store(true);
          value_.store(42);
        }
      }
    }
    return value_.load();
  }

 private:
  aion::mutex mutex_;
  aion::atomic<bool> ready_{false};
  aion::atomic<int> value_{0};
};

}  // namespace examples
