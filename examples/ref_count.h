// A reference count. Buggy, release reads the count and stores one less as two steps, so two
// threads releasing at once both read 2 and store 1: the object is never freed. (The same
// split over an add and a release frees it twice.) Fixed, release is one fetch_sub.
#pragma once

#include "platform/std_types.h"

namespace examples {

template <bool kFixed>
class RefCounted {
 public:
  explicit RefCounted(int references) : count_(references) {}

  void release() {
    if (kFixed) {
      if (count_.fetch_sub(1) == 1) free_once();
      return;
    }
    const int count = count_.load();
    count_.store(count - 1);
    if (count == 1) free_once();
  }
  int frees() const { return frees_.load(); }

 private:
  void free_once() { frees_.fetch_add(1); }

  aion::atomic<int> count_;
  aion::atomic<int> frees_{0};
};

}  // namespace examples
