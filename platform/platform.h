// The platform interface: the only door through which runtime code reaches
// threads, locks, condition variables, time and sleeping.
//
// Production code runs on RealPlatform (OS threads, steady clock); the
// simulator implements the same interface with fibers on one OS thread and a
// virtual clock, choosing at every call which simulated thread runs next.
// Contract for implementations and users:
// - Every call may be a scheduling point. Names passed here show up in traces,
//   so they are stable human-readable strings, never derived from addresses.
//   `site` and `what` arguments must be string literals (the simulator keeps the pointer).
// - A Mutex is not recursive; CondVar waits must hold the mutex they name and
//   may wake spuriously, so callers wait in a loop on a predicate.
// - start_thread never throws: failure comes back as ThreadStart::error.
//   A started Thread must be joined exactly once before it is destroyed.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace aion::platform {

// Monotonic time in nanoseconds since an arbitrary, per-platform origin.
using Nanos = std::int64_t;

inline constexpr Nanos kMillisecond = 1'000'000;
inline constexpr Nanos kSecond = 1'000'000'000;

// A pid, or another integer subject, attached to a yield point for traces.
// 0 means "no subject".
using Subject = std::uint64_t;

class Mutex {
 public:
  virtual ~Mutex() = default;
  virtual void lock() = 0;
  virtual void unlock() = 0;
};

class CondVar {
 public:
  virtual ~CondVar() = default;
  // Atomically releases `mutex` and blocks until notified; reacquires it.
  virtual void wait(Mutex& mutex) = 0;
  // As wait, but gives up after `timeout`; returns false when it timed out.
  virtual bool wait_for(Mutex& mutex, Nanos timeout) = 0;
  virtual void notify_one() = 0;
  virtual void notify_all() = 0;
};

class Thread {
 public:
  virtual ~Thread() = default;
  // Blocks until the thread's body returned. Call exactly once.
  virtual void join() = 0;
};

struct ThreadStart {
  std::unique_ptr<Thread> thread;  // null when the start failed
  std::string error;               // why it failed, for a person to read

  bool ok() const { return thread != nullptr; }
};

// How an access point touches its object.
enum class Access : std::uint8_t { kRead, kWrite };

// The calling thread as the platform sees it, for oracles and traces: an id unique among the
// platform's threads, its name as given to start_thread ("main" for a thread the platform
// did not start), and the platform mutexes it holds: how many, and the name of the one it
// took last (empty when it holds none). The views are valid while that thread and mutex live.
struct ThreadView {
  std::uint64_t id = 0;
  std::string_view name;
  std::uint32_t mutexes_held = 0;
  std::string_view last_mutex;
};

// A thread started through the platform whose handle has not been joined.
struct UnjoinedThread {
  std::uint64_t id = 0;
  std::string name;
  bool finished = false;  // its body has returned
};

class Platform {
 public:
  virtual ~Platform() = default;

  virtual std::unique_ptr<Mutex> new_mutex(std::string_view name) = 0;
  virtual std::unique_ptr<CondVar> new_condvar(std::string_view name) = 0;

  // Starts `body` on a new thread called `name`. May fail (thread limits,
  // memory, injected faults); the body then never runs.
  virtual ThreadStart start_thread(std::string name, std::function<void()> body) = 0;

  virtual Nanos now() = 0;
  virtual void sleep_for(Nanos duration) = 0;

  // A named point where another thread could interleave: free on real
  // threads, a scheduling decision in simulation.
  virtual void yield_point(const char* site, Subject subject = 0) = 0;

  // Code reads or writes `object` (named by the program: one name, one object), shared with
  // other threads outside a lock: free on real threads; in simulation a scheduling point whose
  // footprint tells which orders of events differ (two reads of an object commute, a write
  // does not).
  virtual void access(std::string_view object, Access access) = 0;

  // Introspection, for oracles and traces: code under test must not decide anything on it.
  virtual ThreadView current_thread() = 0;
  // In the order they were started.
  virtual std::vector<UnjoinedThread> unjoined_threads() = 0;
  // Marks an event of the program's own (an operation returned, a process exited): free on
  // real threads; in simulation it is traced and hashed, and it counts as progress, which is
  // how a livelock is told from a long run. Never a scheduling point. False when the program
  // is no longer being run (a simulation that ended, unwinding its threads): what it does
  // from then on is not part of the run.
  virtual bool note(const char* what, Subject subject = 0) = 0;
};

// Scoped ownership of a platform Mutex, usable with CondVar through mutex().
class LockGuard {
 public:
  explicit LockGuard(Mutex& mutex) : mutex_(mutex) { mutex_.lock(); }
  ~LockGuard() {
    if (held_) mutex_.unlock();
  }
  LockGuard(const LockGuard&) = delete;
  LockGuard& operator=(const LockGuard&) = delete;

  void unlock() {
    mutex_.unlock();
    held_ = false;
  }
  void lock() {
    mutex_.lock();
    held_ = true;
  }
  Mutex& mutex() { return mutex_; }

 private:
  Mutex& mutex_;
  bool held_ = true;
};

}  // namespace aion::platform
