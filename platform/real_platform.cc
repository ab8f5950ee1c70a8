#include "platform/real_platform.h"

#include <pthread.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <system_error>
#include <thread>
#include <utility>

namespace aion::platform {
namespace {

class RealMutex final : public Mutex {
 public:
  void lock() override { mutex_.lock(); }
  void unlock() override { mutex_.unlock(); }
  std::mutex& native() { return mutex_; }

 private:
  std::mutex mutex_;
};

class RealCondVar final : public CondVar {
 public:
  void wait(Mutex& mutex) override {
    std::unique_lock<std::mutex> lock(native(mutex), std::adopt_lock);
    cv_.wait(lock);
    lock.release();
  }
  bool wait_for(Mutex& mutex, Nanos timeout) override {
    std::unique_lock<std::mutex> lock(native(mutex), std::adopt_lock);
    // The clock's now() plus a timeout near its range would overflow; a wait
    // that long may as well wake early, which the contract allows.
    constexpr Nanos kLongestWait = 86'400 * kSecond;
    const auto status =
        cv_.wait_for(lock, std::chrono::nanoseconds(std::min(timeout, kLongestWait)));
    lock.release();
    return status == std::cv_status::no_timeout;
  }
  void notify_one() override { cv_.notify_one(); }
  void notify_all() override { cv_.notify_all(); }

 private:
  // Every Mutex handed out by RealPlatform is a RealMutex.
  static std::mutex& native(Mutex& mutex) { return static_cast<RealMutex&>(mutex).native(); }

  std::condition_variable cv_;
};

class RealThread final : public Thread {
 public:
  explicit RealThread(std::thread thread) : thread_(std::move(thread)) {}
  void join() override { thread_.join(); }

 private:
  std::thread thread_;
};

}  // namespace

std::unique_ptr<Mutex> RealPlatform::new_mutex(std::string_view) {
  return std::make_unique<RealMutex>();
}

std::unique_ptr<CondVar> RealPlatform::new_condvar(std::string_view) {
  return std::make_unique<RealCondVar>();
}

ThreadStart RealPlatform::start_thread(std::string name, std::function<void()> body) {
  {
    std::lock_guard<std::mutex> lock(fault_mutex_);
    if (fault_ && fault_(name)) {
      return {nullptr, "Resource temporarily unavailable (injected thread-start fault)"};
    }
  }
  try {
    std::thread thread([name, body = std::move(body)] {
      // Linux limits thread names to 15 characters; the tail (the pid) is
      // the part that tells monitor threads apart.
      const std::string shown = name.size() > 15 ? name.substr(name.size() - 15) : name;
      pthread_setname_np(pthread_self(), shown.c_str());
      body();
    });
    return {std::make_unique<RealThread>(std::move(thread)), {}};
  } catch (const std::system_error& error) {
    return {nullptr, error.what()};
  }
}

Nanos RealPlatform::now() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void RealPlatform::sleep_for(Nanos duration) {
  std::this_thread::sleep_for(std::chrono::nanoseconds(duration));
}

void RealPlatform::yield_point(const char*, Subject) {}

void RealPlatform::set_thread_start_fault(ThreadStartFault fault) {
  std::lock_guard<std::mutex> lock(fault_mutex_);
  fault_ = std::move(fault);
}

}  // namespace aion::platform
