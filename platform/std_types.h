// std-like synchronisation types on the platform interface: aion::mutex,
// aion::condition_variable, aion::thread, aion::atomic<T>, aion::this_thread and
// aion::steady_clock, with the std:: API (the parts listed below), so that code written with
// them runs on real threads and, under aion::sim::check (sim/check/check.h), in the simulator:
// every lock, wait, notify, thread start and join, and every atomic operation is a scheduling
// point, and an atomic's operations carry a read or write footprint on the atomic, so that
// dpor and partial-order sampling see which orders of them differ.
//
// Built with AION_STD_ALIASES defined, they are the std:: types themselves (aliases), so
// production code written with them costs nothing.
//
// The platform they use is the one a PlatformScope made current (the simulator, for the run
// under way), else the process's RealPlatform. Atomics are sequentially consistent (orders
// given are accepted and ignored). Not provided: try_lock, timed mutexes, thread ids,
// hardware_concurrency, atomic wait/notify.
#pragma once

#ifdef AION_STD_ALIASES

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace aion {
using mutex = std::mutex;
using condition_variable = std::condition_variable_any;
using thread = std::thread;
template <typename T>
using atomic = std::atomic<T>;
namespace this_thread = std::this_thread;
using steady_clock = std::chrono::steady_clock;
}  // namespace aion

#else

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <tuple>
#include <type_traits>
#include <utility>

#include "platform/platform.h"

namespace aion {

namespace detail {
platform::Platform& current_platform();
// A name for the next object of a kind, fresh in each scope: "aion::mutex#3".
std::string next_name(const char* kind);
// Keeps a detached thread's handle until the scope ends, which drops it unjoined.
void keep_detached(std::unique_ptr<platform::Thread> thread);
}  // namespace detail

// Makes `platform` (a simulator's) the one the types use, until it ends (and resets the names they
// take, so that every run names its objects alike). Its end drops the handles of the threads
// detached in it, unjoined: make it outside the run (a simulation whose main returned has stopped
// them, as exit() does). Scopes do not nest.
class PlatformScope {
 public:
  explicit PlatformScope(platform::Platform& platform);
  ~PlatformScope();
  PlatformScope(const PlatformScope&) = delete;
  PlatformScope& operator=(const PlatformScope&) = delete;
};

class mutex {
 public:
  mutex();
  mutex(const mutex&) = delete;
  mutex& operator=(const mutex&) = delete;
  void lock() { mutex_->lock(); }
  void unlock() { mutex_->unlock(); }
  platform::Mutex& native() { return *mutex_; }

 private:
  std::unique_ptr<platform::Mutex> mutex_;
};

class condition_variable {
 public:
  condition_variable();
  condition_variable(const condition_variable&) = delete;
  condition_variable& operator=(const condition_variable&) = delete;

  void notify_one() { condvar_->notify_one(); }
  void notify_all() { condvar_->notify_all(); }
  void wait(std::unique_lock<mutex>& lock) { condvar_->wait(lock.mutex()->native()); }
  template <typename Predicate>
  void wait(std::unique_lock<mutex>& lock, Predicate ready) {
    while (!ready()) wait(lock);
  }
  template <typename Rep, typename Period>
  std::cv_status wait_for(std::unique_lock<mutex>& lock,
                          const std::chrono::duration<Rep, Period>& timeout) {
    const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(timeout).count();
    return condvar_->wait_for(lock.mutex()->native(), nanos) ? std::cv_status::no_timeout
                                                             : std::cv_status::timeout;
  }
  template <typename Rep, typename Period, typename Predicate>
  bool wait_for(std::unique_lock<mutex>& lock, const std::chrono::duration<Rep, Period>& timeout,
                Predicate ready) {
    while (!ready()) {
      if (wait_for(lock, timeout) == std::cv_status::timeout) return ready();
    }
    return true;
  }

 private:
  std::unique_ptr<platform::CondVar> condvar_;
};

class thread {
 public:
  thread() = default;
  template <typename F, typename... Args>
  explicit thread(F&& f, Args&&... args) {
    auto start = detail::current_platform().start_thread(
        detail::next_name("aion::thread"),
        [call = std::bind(std::forward<F>(f), std::forward<Args>(args)...)]() mutable { call(); });
    if (!start.ok()) {
      throw std::system_error(std::make_error_code(std::errc::resource_unavailable_try_again),
                              start.error);
    }
    thread_ = std::move(start.thread);
  }
  thread(thread&&) noexcept = default;
  thread& operator=(thread&& other) noexcept {
    if (joinable()) std::terminate();
    thread_ = std::move(other.thread_);
    return *this;
  }
  ~thread() {
    if (!joinable()) return;
    // As std::thread: join or detach first. But while the stack unwinds (a run the simulator
    // ended early, or an exception that is the run's finding), ending the process would lose
    // the finding: the thread is let go as detached instead.
    if (std::uncaught_exceptions() == 0) std::terminate();
    detail::keep_detached(std::move(thread_));
  }

  bool joinable() const { return thread_ != nullptr; }
  void join() {
    if (!joinable()) throw std::system_error(std::make_error_code(std::errc::invalid_argument));
    thread_->join();
    thread_.reset();
  }
  void detach() {
    if (!joinable()) throw std::system_error(std::make_error_code(std::errc::invalid_argument));
    detail::keep_detached(std::move(thread_));
  }

 private:
  std::unique_ptr<platform::Thread> thread_;
};

// Every operation is one scheduling point with its footprint: loads read the atomic, every
// other operation (a failed compare-exchange too) writes it. The value lives in a std::atomic,
// so that the type is also right on real threads.
template <typename T>
class atomic {
 public:
  atomic() : atomic(T{}) {}
  atomic(T value) : name_(detail::next_name("aion::atomic")), value_(value) {}  // NOLINT
  atomic(const atomic&) = delete;
  atomic& operator=(const atomic&) = delete;

  T load(std::memory_order = std::memory_order_seq_cst) const {
    touch(platform::Access::kRead);
    return value_.load();
  }
  void store(T value, std::memory_order = std::memory_order_seq_cst) {
    touch(platform::Access::kWrite);
    value_.store(value);
  }
  T exchange(T value, std::memory_order = std::memory_order_seq_cst) {
    touch(platform::Access::kWrite);
    return value_.exchange(value);
  }
  bool compare_exchange_strong(T& expected, T desired,
                               std::memory_order = std::memory_order_seq_cst,
                               std::memory_order = std::memory_order_seq_cst) {
    touch(platform::Access::kWrite);
    return value_.compare_exchange_strong(expected, desired);
  }
  // Never fails spuriously here: a weak exchange is a strong one.
  bool compare_exchange_weak(T& expected, T desired,
                             std::memory_order order = std::memory_order_seq_cst,
                             std::memory_order failure = std::memory_order_seq_cst) {
    return compare_exchange_strong(expected, desired, order, failure);
  }
  operator T() const { return load(); }  // NOLINT
  T operator=(T value) {
    store(value);
    return value;
  }

  template <typename U = T, typename = std::enable_if_t<std::is_integral_v<U>>>
  T fetch_add(T delta, std::memory_order = std::memory_order_seq_cst) {
    touch(platform::Access::kWrite);
    return value_.fetch_add(delta);
  }
  template <typename U = T, typename = std::enable_if_t<std::is_integral_v<U>>>
  T fetch_sub(T delta, std::memory_order = std::memory_order_seq_cst) {
    touch(platform::Access::kWrite);
    return value_.fetch_sub(delta);
  }
  template <typename U = T, typename = std::enable_if_t<std::is_integral_v<U>>>
  T operator++() {
    return fetch_add(1) + 1;
  }
  template <typename U = T, typename = std::enable_if_t<std::is_integral_v<U>>>
  T operator++(int) {
    return fetch_add(1);
  }
  template <typename U = T, typename = std::enable_if_t<std::is_integral_v<U>>>
  T operator--() {
    return fetch_sub(1) - 1;
  }
  template <typename U = T, typename = std::enable_if_t<std::is_integral_v<U>>>
  T operator--(int) {
    return fetch_sub(1);
  }

 private:
  void touch(platform::Access access) const { detail::current_platform().access(name_, access); }

  std::string name_;
  std::atomic<T> value_;
};

namespace this_thread {
void yield();
template <typename Rep, typename Period>
void sleep_for(const std::chrono::duration<Rep, Period>& duration) {
  detail::current_platform().sleep_for(
      std::chrono::duration_cast<std::chrono::nanoseconds>(duration).count());
}
}  // namespace this_thread

// The platform's clock: virtual time in the simulator.
struct steady_clock {
  using duration = std::chrono::nanoseconds;
  using rep = duration::rep;
  using period = duration::period;
  using time_point = std::chrono::time_point<steady_clock>;
  static constexpr bool is_steady = true;
  static time_point now() { return time_point(duration(detail::current_platform().now())); }
};

}  // namespace aion

#endif
