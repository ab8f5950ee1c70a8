#include "platform/real_platform.h"

#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <iterator>
#include <system_error>
#include <thread>
#include <utility>

namespace aion::platform {
namespace {

class RealMutex;

// What a thread knows of itself. Threads the platform did not start are "main".
struct ThreadSelf {
  std::uint64_t id = 0;
  std::string name = "main";
  std::vector<const RealMutex*> held;
};

thread_local ThreadSelf self;
std::atomic<std::uint64_t> next_thread_id{1};

class RealMutex final : public Mutex {
 public:
  explicit RealMutex(std::string_view name) : name_(name) {}
  void lock() override {
    mutex_.lock();
    self.held.push_back(this);
  }
  void unlock() override {
    forget();
    mutex_.unlock();
  }
  std::mutex& native() { return mutex_; }
  const std::string& name() const { return name_; }
  // A condition variable wait gives the mutex back for a while.
  void forget() {
    const auto held = std::find(self.held.rbegin(), self.held.rend(), this);
    if (held != self.held.rend()) self.held.erase(std::next(held).base());
  }
  void remember() { self.held.push_back(this); }

 private:
  std::mutex mutex_;
  std::string name_;
};

class RealCondVar final : public CondVar {
 public:
  void wait(Mutex& mutex) override {
    RealMutex& real = static_cast<RealMutex&>(mutex);
    std::unique_lock<std::mutex> lock(real.native(), std::adopt_lock);
    real.forget();
    cv_.wait(lock);
    real.remember();
    lock.release();
  }
  bool wait_for(Mutex& mutex, Nanos timeout) override {
    RealMutex& real = static_cast<RealMutex&>(mutex);
    std::unique_lock<std::mutex> lock(real.native(), std::adopt_lock);
    // The clock's now() plus a timeout near its range would overflow; a wait
    // that long may as well wake early, which the contract allows.
    constexpr Nanos kLongestWait = 86'400 * kSecond;
    real.forget();
    const auto status =
        cv_.wait_for(lock, std::chrono::nanoseconds(std::min(timeout, kLongestWait)));
    real.remember();
    lock.release();
    return status == std::cv_status::no_timeout;
  }
  void notify_one() override { cv_.notify_one(); }
  void notify_all() override { cv_.notify_all(); }

 private:
  std::condition_variable cv_;
};

class RealThread final : public Thread {
 public:
  RealThread(std::thread thread, std::shared_ptr<RealPlatform::Registry> registry, std::uint64_t id)
      : thread_(std::move(thread)), registry_(std::move(registry)), id_(id) {}
  void join() override {
    thread_.join();
    const std::lock_guard<std::mutex> lock(registry_->mutex);
    registry_->unjoined.erase(id_);
  }

 private:
  std::thread thread_;
  std::shared_ptr<RealPlatform::Registry> registry_;
  std::uint64_t id_;
};

}  // namespace

std::unique_ptr<Mutex> RealPlatform::new_mutex(std::string_view name) {
  return std::make_unique<RealMutex>(name);
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
  const std::uint64_t id = next_thread_id++;
  {
    const std::lock_guard<std::mutex> lock(registry_->mutex);
    registry_->unjoined[id] = UnjoinedThread{id, name, false};
  }
  try {
    std::thread thread([id, name, registry = registry_, body = std::move(body)] {
      self.id = id;
      self.name = name;
      // Linux limits thread names to 15 characters; the tail (the pid) is
      // the part that tells monitor threads apart.
      const std::string shown = name.size() > 15 ? name.substr(name.size() - 15) : name;
      pthread_setname_np(pthread_self(), shown.c_str());
      body();
      const std::lock_guard<std::mutex> lock(registry->mutex);
      if (auto entry = registry->unjoined.find(id); entry != registry->unjoined.end()) {
        entry->second.finished = true;
      }
    });
    return {std::make_unique<RealThread>(std::move(thread), registry_, id), {}};
  } catch (const std::system_error& error) {
    const std::lock_guard<std::mutex> lock(registry_->mutex);
    registry_->unjoined.erase(id);
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

void RealPlatform::access(std::string_view, Access) {}

ThreadView RealPlatform::current_thread() {
  ThreadView view{self.id, self.name, static_cast<std::uint32_t>(self.held.size()), {}};
  if (!self.held.empty()) view.last_mutex = self.held.back()->name();
  return view;
}

std::vector<UnjoinedThread> RealPlatform::unjoined_threads() {
  std::vector<UnjoinedThread> threads;
  const std::lock_guard<std::mutex> lock(registry_->mutex);
  for (const auto& [id, thread] : registry_->unjoined) threads.push_back(thread);
  return threads;
}

bool RealPlatform::note(const char*, Subject) { return true; }

void RealPlatform::set_thread_start_fault(ThreadStartFault fault) {
  std::lock_guard<std::mutex> lock(fault_mutex_);
  fault_ = std::move(fault);
}

}  // namespace aion::platform
