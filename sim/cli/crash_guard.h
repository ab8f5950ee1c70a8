// Keeps the case a worker is running on disk's doorstep while it runs in this process, so that
// a crash of the code under test (a fatal signal: SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT)
// does not lose it: each worker arms its slot with the case's failure-file text before the run,
// and the signal handler writes the crashing thread's text to its file with write(2) (nothing
// else is safe in a handler), says so on stderr, then lets the signal end the process as it
// would have. A run that outlives the watchdog (code under test spinning without a scheduling
// point, which no step budget stops) is written the same way, expecting `hung`, and the process
// exits with status 1: the stuck thread cannot be got back.
//
// One guard at a time per process; it installs its handlers while it lives.
#pragma once

#include <chrono>
#include <memory>
#include <string>

namespace aion::cli {

class CrashGuard {
 public:
  // Worker w's crash goes to path_of(dir, w).
  CrashGuard(const std::string& dir, unsigned workers, std::chrono::milliseconds watchdog);
  ~CrashGuard();
  CrashGuard(const CrashGuard&) = delete;
  CrashGuard& operator=(const CrashGuard&) = delete;

  // The calling thread is worker `worker` from now on.
  void enter(unsigned worker);
  // What to write if the calling worker's thread dies before the next arm or disarm.
  void arm(std::string text);
  void disarm();

  // DIR/<crashed|hung>-worker<w>.aionfail
  static std::string path_of(const std::string& dir, const char* ending, unsigned worker);

 private:
  void watch();

  struct Slots;
  std::unique_ptr<Slots> slots_;
  std::chrono::milliseconds watchdog_;
};

}  // namespace aion::cli
