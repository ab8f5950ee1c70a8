#include "sim/sandbox/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <initializer_list>
#include <utility>

#include "sim/sandbox/frames.h"

namespace aion::sandbox {
namespace {

// How often the parent asks whether a child should stop, while it runs.
constexpr int kStopPollMs = 100;
// What the parent keeps of a child's stderr: its start, where a sanitizer's report says what
// went wrong, and its end (a report's stack can be long).
constexpr std::size_t kStderrHead = 4 * 1024;
constexpr std::size_t kStderrTail = 12 * 1024;

// Reads what `fd` holds now; false at its end (or on an error that ends it).
bool read_now(int fd, std::string& into) {
  char buffer[65536];
  for (;;) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got > 0) {
      into.append(buffer, static_cast<std::size_t>(got));
      continue;
    }
    if (got < 0 && errno == EINTR) continue;
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return true;
    return false;
  }
}

void set_nonblocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

}  // namespace

std::string signal_name(int signal) {
  const char* name = nullptr;
  switch (signal) {
    case SIGSEGV:
      name = "SIGSEGV";
      break;
    case SIGABRT:
      name = "SIGABRT";
      break;
    case SIGBUS:
      name = "SIGBUS";
      break;
    case SIGFPE:
      name = "SIGFPE";
      break;
    case SIGILL:
      name = "SIGILL";
      break;
    case SIGKILL:
      name = "SIGKILL";
      break;
    case SIGTERM:
      name = "SIGTERM";
      break;
    case SIGTRAP:
      name = "SIGTRAP";
      break;
    default:
      return "signal " + std::to_string(signal) + " (" + ::strsignal(signal) + ")";
  }
  std::string what = ::strsignal(signal);
  for (char& c : what) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::string(name) + " (" + what + ")";
}

std::string Ending::describe() const {
  if (watchdog) return "did not finish in time, and the watchdog killed it";
  if (stopped) return "was stopped by its parent";
  if (signal != 0) {
    return "killed by " + signal_name(signal) +
           (signal == SIGKILL ? ", perhaps for running out of memory" : "");
  }
  return "exited with status " + std::to_string(status);
}

std::string Ending::stderr_headline() const {
  std::string last;
  std::size_t start = 0;
  while (start < stderr_tail.size()) {
    auto end = stderr_tail.find('\n', start);
    if (end == std::string::npos) end = stderr_tail.size();
    const std::string line = stderr_tail.substr(start, end - start);
    start = end + 1;
    for (const char* mark : {"ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                             "WARNING: ThreadSanitizer", "runtime error:", "terminate called"}) {
      if (line.find(mark) != std::string::npos) return line;
    }
    if (!line.empty()) last = line;
  }
  return last;
}

std::optional<ChildProcess> ChildProcess::start(const std::function<void(int fd)>& body,
                                                std::string& error) {
  int out[2], err[2];
  if (::pipe2(out, O_CLOEXEC) != 0) {
    error = std::string("cannot make a pipe: ") + std::strerror(errno);
    return std::nullopt;
  }
  if (::pipe2(err, O_CLOEXEC) != 0) {
    error = std::string("cannot make a pipe: ") + std::strerror(errno);
    ::close(out[0]);
    ::close(out[1]);
    return std::nullopt;
  }
  // What stdio buffers now would otherwise be written twice, once by each process.
  std::fflush(nullptr);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    error = std::string("cannot fork: ") + std::strerror(errno);
    for (int fd : {out[0], out[1], err[0], err[1]}) ::close(fd);
    return std::nullopt;
  }
  if (pid == 0) {
    // The parent decides when a child ends (it kills it): a Ctrl-C or a CI job's SIGTERM sent
    // to the whole process group must not look like a crash of the code under test, and a
    // child must not outlive a parent that was killed.
    for (const int ending : {SIGINT, SIGTERM, SIGHUP}) std::signal(ending, SIG_IGN);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(1);
    ::close(out[0]);
    ::close(err[0]);
    ::dup2(err[1], STDERR_FILENO);
    // Work that throws out ends the child as a crash would: the parent sees how.
    try {
      body(out[1]);
    } catch (const std::exception& thrown) {
      std::fprintf(stderr, "terminate called after throwing: %s\n", thrown.what());
      std::fflush(stderr);
      std::abort();
    }
    std::fflush(nullptr);
    // Not exit(): the parent's static objects and stdio buffers are not the child's to flush.
    ::_exit(0);
  }
  ::close(out[1]);
  ::close(err[1]);
  set_nonblocking(out[0]);
  set_nonblocking(err[0]);
  ChildProcess child;
  child.pid_ = pid;
  child.out_ = out[0];
  child.err_ = err[0];
  return child;
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept { *this = std::move(other); }

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
  if (this == &other) return *this;
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  close_fds();
  pid_ = std::exchange(other.pid_, -1);
  out_ = std::exchange(other.out_, -1);
  err_ = std::exchange(other.err_, -1);
  killed_by_watchdog_ = other.killed_by_watchdog_;
  stopped_ = other.stopped_;
  stderr_head_ = std::move(other.stderr_head_);
  stderr_tail_ = std::move(other.stderr_tail_);
  return *this;
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  close_fds();
}

void ChildProcess::close_fds() {
  if (out_ >= 0) ::close(out_);
  if (err_ >= 0) ::close(err_);
  out_ = err_ = -1;
}

void ChildProcess::drain_stderr() {
  if (err_ < 0) return;
  std::string got;
  if (!read_now(err_, got)) {
    ::close(err_);
    err_ = -1;
  }
  const std::size_t to_head = std::min(got.size(), kStderrHead - stderr_head_.size());
  stderr_head_.append(got, 0, to_head);
  stderr_tail_.append(got, to_head);
  if (stderr_tail_.size() > kStderrTail) {
    stderr_tail_.erase(0, stderr_tail_.size() - kStderrTail);
  }
}

bool ChildProcess::read_available(std::string& frames) {
  drain_stderr();
  if (out_ < 0) return false;
  if (read_now(out_, frames)) return true;
  ::close(out_);
  out_ = -1;
  return false;
}

void ChildProcess::kill(bool by_watchdog) {
  if (pid_ <= 0) return;
  killed_by_watchdog_ = killed_by_watchdog_ || by_watchdog;
  ::kill(pid_, SIGKILL);
}

Ending ChildProcess::finish(std::string& frames, std::optional<Clock::time_point> deadline,
                            const std::function<bool()>& stop) {
  while (out_ >= 0 || err_ >= 0) {
    if (stop && !stopped_ && stop()) {
      stopped_ = true;
      kill(false);
    }
    pollfd fds[2];
    nfds_t count = 0;
    for (int fd : {out_, err_}) {
      if (fd >= 0) fds[count++] = pollfd{fd, POLLIN, 0};
    }
    int wait_ms = stop ? kStopPollMs : -1;
    if (deadline) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - Clock::now()).count();
      if (left <= 0) {
        kill(true);
        deadline.reset();
      } else {
        wait_ms = static_cast<int>(std::min<long long>(left, stop ? kStopPollMs : 1000));
      }
    }
    const int ready = ::poll(fds, count, wait_ms);
    if (ready < 0 && errno != EINTR) break;
    (void)read_available(frames);
  }
  return reap();
}

Ending ChildProcess::reap() {
  Ending ending;
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  drain_stderr();
  ending.stderr_tail = stderr_head_ + stderr_tail_;
  ending.watchdog = killed_by_watchdog_;
  ending.stopped = stopped_;
  if (WIFEXITED(status)) {
    ending.exited = true;
    ending.status = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    ending.signal = WTERMSIG(status);
  }
  return ending;
}

std::variant<ChildRun, std::string> run_in_child(const std::function<void(int fd)>& body,
                                                 std::optional<std::chrono::milliseconds> watchdog,
                                                 const std::function<bool()>& stop) {
  std::string error;
  std::optional<ChildProcess> child = ChildProcess::start(body, error);
  if (!child) return error;
  std::string bytes;
  std::optional<ChildProcess::Clock::time_point> deadline;
  if (watchdog) deadline = ChildProcess::Clock::now() + *watchdog;
  ChildRun run;
  run.ending = child->finish(bytes, deadline, stop);
  FrameReader reader;
  reader.add(bytes);
  while (auto frame = reader.next()) run.frames.push_back(std::move(*frame));
  run.cut = reader.partial();
  return run;
}

}  // namespace aion::sandbox
