// ChildProcess: work run in a forked child, so that whatever the work does to
// its process (a segmentation fault, an abort, a sanitizer report, an exit, a
// loop that never ends) ends the child, never the parent. The child writes
// frames to the parent through a pipe; its stderr goes to a second pipe, whose
// last bytes the parent keeps (that is where a sanitizer report is).
//
// The parent reads with read_available() (non-blocking, for poll loops) or
// finish() (to the end), and learns how the child ended: exited with a status,
// killed by a signal, or killed by the parent's watchdog. A child started from
// a process with other threads inherits only the calling thread: its work must
// not need locks those threads could hold.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace aion::sandbox {

struct Ending {
  bool exited = false;  // by itself, with `status`
  int status = 0;
  int signal = 0;           // killed by this signal (0: not)
  bool watchdog = false;    // the parent killed it: it took too long
  bool stopped = false;     // the parent killed it: it was asked to stop
  std::string stderr_tail;  // the start and the end of what it wrote to stderr

  bool clean() const { return exited && status == 0; }
  // "killed by SIGSEGV (segmentation fault)", "exited with status 1", ...
  std::string describe() const;
  // The line of the child's stderr that says what went wrong, if it wrote one
  // (a sanitizer's "ERROR: ..." or "runtime error: ..." line, or its last line).
  std::string stderr_headline() const;
};

// "SIGSEGV (segmentation fault)".
std::string signal_name(int signal);

class ChildProcess {
 public:
  using Clock = std::chrono::steady_clock;

  // Forks; the child runs `body(fd)` with fd the write end of its frame pipe,
  // then exits with status 0. Nothing when the fork failed (`error` says why).
  static std::optional<ChildProcess> start(const std::function<void(int fd)>& body,
                                           std::string& error);
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  // Kills and reaps a child still running.
  ~ChildProcess();

  pid_t pid() const { return pid_; }
  int frames_fd() const { return out_; }
  int stderr_fd() const { return err_; }

  // Reads what the pipes hold now without blocking; appends frame bytes to
  // `frames`. False once the frame pipe reached its end.
  bool read_available(std::string& frames);
  // Kills the child (SIGKILL); its ending will say `watchdog` when asked to.
  void kill(bool by_watchdog);
  // Reads to the end of both pipes (killing the child if it outlives
  // `deadline`, or as soon as `stop` says so), reaps it and says how it ended.
  Ending finish(std::string& frames, std::optional<Clock::time_point> deadline = std::nullopt,
                const std::function<bool()>& stop = {});

 private:
  ChildProcess() = default;
  void drain_stderr();
  Ending reap();
  void close_fds();

  pid_t pid_ = -1;
  int out_ = -1;
  int err_ = -1;
  bool killed_by_watchdog_ = false;
  bool stopped_ = false;
  std::string stderr_head_;
  std::string stderr_tail_;
};

// Runs `body` in a child to the end, with an optional wall-clock watchdog.
struct ChildRun {
  Ending ending;
  std::vector<std::string> frames;  // the whole frames it wrote
  bool cut = false;                 // it died in the middle of a frame
};
// `stop`, polled a few times a second, kills the child early.
std::variant<ChildRun, std::string> run_in_child(
    const std::function<void(int fd)>& body,
    std::optional<std::chrono::milliseconds> watchdog = std::nullopt,
    const std::function<bool()>& stop = {});

}  // namespace aion::sandbox
