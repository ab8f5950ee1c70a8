#include "platform/std_types.h"

#ifndef AION_STD_ALIASES

#include <atomic>
#include <mutex>
#include <vector>

#include "platform/real_platform.h"

namespace aion {
namespace {

std::atomic<platform::Platform*> current{nullptr};
std::atomic<std::uint64_t> names{0};
std::mutex detached_mutex;
std::vector<std::unique_ptr<platform::Thread>> detached;

platform::Platform& real_platform() {
  static platform::RealPlatform real;
  return real;
}

}  // namespace

namespace detail {

platform::Platform& current_platform() {
  platform::Platform* platform = current.load();
  return platform != nullptr ? *platform : real_platform();
}

std::string next_name(const char* kind) {
  return std::string(kind) + "#" + std::to_string(names++);
}

void keep_detached(std::unique_ptr<platform::Thread> thread) {
  std::lock_guard lock(detached_mutex);
  if (current.load() == nullptr) {
    // A real thread's handle must never be dropped unjoined: it is kept for the process's life,
    // as the thread is.
    static auto* for_ever = new std::vector<std::unique_ptr<platform::Thread>>;
    for_ever->push_back(std::move(thread));
    return;
  }
  detached.push_back(std::move(thread));
}

}  // namespace detail

PlatformScope::PlatformScope(platform::Platform& platform) {
  current.store(&platform);
  names.store(0);
}

PlatformScope::~PlatformScope() {
  std::vector<std::unique_ptr<platform::Thread>> threads;
  {
    std::lock_guard lock(detached_mutex);
    threads.swap(detached);
  }
  threads.clear();
  current.store(nullptr);
}

mutex::mutex() : mutex_(detail::current_platform().new_mutex(detail::next_name("aion::mutex"))) {}

condition_variable::condition_variable()
    : condvar_(
          detail::current_platform().new_condvar(detail::next_name("aion::condition_variable"))) {}

void this_thread::yield() { detail::current_platform().yield_point("aion::this_thread::yield"); }

}  // namespace aion

#endif
