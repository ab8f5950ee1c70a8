// Keeps the run a thread is doing on disk's doorstep while it runs in this process, so that a
// crash of the code under test (a fatal signal: SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) does
// not lose it: the thread arms its guard with the run's file before the run, and the signal
// handler writes it with write(2) (nothing else is safe in a handler), says so on stderr, then
// hands the signal to whoever had it before (a sanitizer's report, the default action), which
// ends the process as it would have. A run that outlives the watchdog (code under test spinning
// without a scheduling point, which no step budget stops) is written as its hung file by the
// guard's watchdog thread, and the process exits with status 1: the stuck thread cannot be got
// back.
//
// One guard per thread that runs code under test; any number of threads may hold one at once,
// and threads that crash at once each write their run before the process ends. The handlers
// are installed while any guard lives.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace aion::sandbox {

// What to write when the run is lost, and where.
struct LostRun {
  std::string crashed_path;
  std::string crashed_text;  // ready before the run: a signal handler cannot make it
  std::string hung_path;
  std::function<std::string()> hung_text;  // made by the watchdog thread, while armed
  std::string replay_hint;                 // said after the path: how to replay it
};

class CrashGuard {
 public:
  // For the calling thread, which must be the one that arms it. watchdog 0: none.
  explicit CrashGuard(std::chrono::milliseconds watchdog);
  ~CrashGuard();
  CrashGuard(const CrashGuard&) = delete;
  CrashGuard& operator=(const CrashGuard&) = delete;

  // What to write if this thread's run is lost before the next arm or disarm.
  void arm(LostRun run);
  void disarm();

 private:
  std::unique_ptr<struct GuardSlot> slot_;
};

}  // namespace aion::sandbox
