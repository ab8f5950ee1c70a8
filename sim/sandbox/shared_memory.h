// Shared<T>: one T in memory that a forked child shares with its parent (an anonymous shared
// mapping made before the fork), for what a child says too often to send as frames: how far
// its run got, which run it is in. T must be fit for two processes at once (atomics).
#pragma once

#include <sys/mman.h>

#include <new>
#include <stdexcept>

namespace aion::sandbox {

template <typename T>
class Shared {
 public:
  Shared() {
    void* page =
        ::mmap(nullptr, sizeof(T), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) throw std::runtime_error("cannot map memory to share with a child");
    value_ = new (page) T();
  }
  ~Shared() {
    value_->~T();
    ::munmap(value_, sizeof(T));
  }
  Shared(const Shared&) = delete;
  Shared& operator=(const Shared&) = delete;

  T& operator*() const { return *value_; }
  T* operator->() const { return value_; }
  T* get() const { return value_; }

 private:
  T* value_;
};

}  // namespace aion::sandbox
