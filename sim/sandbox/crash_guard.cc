#include "sim/sandbox/crash_guard.h"

#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <thread>
#include <vector>

namespace aion::sandbox {

struct GuardSlot {
  std::chrono::milliseconds watchdog{0};
  std::mutex mutex;  // arm and disarm against the watchdog (the signal handler takes none)
  std::condition_variable wake;
  bool stopping = false;
  std::chrono::steady_clock::time_point armed_at;
  LostRun run;
  std::string notice;        // said on stderr as the crashed run is written
  std::string partial_path;  // where it is written before it is renamed to its path
  std::atomic<bool> armed{false};
  std::vector<char> signal_stack;
  stack_t previous_stack{};
  GuardSlot* outer = nullptr;  // the thread's guard before this one
  std::thread watcher;
};

namespace {

constexpr std::size_t kSignalStackBytes = 64 * 1024;
constexpr std::array<int, 5> kFatal = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

thread_local GuardSlot* current = nullptr;
std::mutex install_mutex;
int guards_alive = 0;
std::array<struct sigaction, kFatal.size()> previous;

void write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t wrote = ::write(fd, data, size);
    if (wrote <= 0) return;
    data += wrote;
    size -= static_cast<std::size_t>(wrote);
  }
}

// Handlers writing their run now: two threads may crash at once (two jobs running one
// crashing case each), and the first to hand its signal on ends the process.
std::atomic<int> handlers_writing{0};
static_assert(std::atomic<int>::is_always_lock_free, "used in a signal handler");

void on_fatal(int signal) {
  GuardSlot* slot = current;
  if (slot != nullptr && slot->armed.exchange(false)) {
    handlers_writing.fetch_add(1);
    // Written beside and renamed over, so that a process ended mid-write by another thread's
    // signal leaves no half a file where a failure file should be.
    const int fd = ::open(slot->partial_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      write_all(fd, slot->run.crashed_text.data(), slot->run.crashed_text.size());
      ::close(fd);
      if (::rename(slot->partial_path.c_str(), slot->run.crashed_path.c_str()) == 0) {
        write_all(STDERR_FILENO, slot->notice.data(), slot->notice.size());
      }
    }
    handlers_writing.fetch_sub(1);
  }
  // The others writing finish first (for at most a second: one that is stuck must not keep
  // the process from ending).
  const timespec pause{0, 1'000'000};
  for (int waited = 0; waited < 1000 && handlers_writing.load() > 0; ++waited) {
    ::nanosleep(&pause, nullptr);
  }
  // Whoever handled the signal before (a sanitizer's report, or the default action) has it
  // next: raised again, it ends the process as it would have without the guard.
  for (std::size_t i = 0; i < kFatal.size(); ++i) {
    if (kFatal[i] == signal) sigaction(signal, &previous[i], nullptr);
  }
  ::raise(signal);
}

void install() {
  std::lock_guard lock(install_mutex);
  if (guards_alive++ > 0) return;
  struct sigaction action {};
  action.sa_handler = on_fatal;
  // On the thread's own signal stack: a stack overflow leaves no room on the one it broke.
  // Not reset on the first signal: another thread's, while the first is written, is its own
  // run to write.
  action.sa_flags = SA_NODEFER | SA_ONSTACK;
  sigemptyset(&action.sa_mask);
  for (std::size_t i = 0; i < kFatal.size(); ++i) sigaction(kFatal[i], &action, &previous[i]);
}

void uninstall() {
  std::lock_guard lock(install_mutex);
  if (--guards_alive > 0) return;
  for (std::size_t i = 0; i < kFatal.size(); ++i) sigaction(kFatal[i], &previous[i], nullptr);
}

void watch(GuardSlot& slot) {
  const auto tick = std::max(std::chrono::milliseconds(10), slot.watchdog / 20);
  std::unique_lock lock(slot.mutex);
  while (!slot.wake.wait_for(lock, tick, [&slot] { return slot.stopping; })) {
    if (!slot.armed.load() || std::chrono::steady_clock::now() - slot.armed_at < slot.watchdog) {
      continue;
    }
    std::ofstream(slot.run.hung_path, std::ios::binary | std::ios::trunc) << slot.run.hung_text();
    std::fprintf(stderr,
                 "\nthe code under test ran past the watchdog (%.1f s) without a scheduling "
                 "point; the run is in %s (%s)\n",
                 std::chrono::duration<double>(slot.watchdog).count(), slot.run.hung_path.c_str(),
                 slot.run.replay_hint.c_str());
    std::fflush(stderr);
    std::_Exit(1);
  }
}

}  // namespace

CrashGuard::CrashGuard(std::chrono::milliseconds watchdog) : slot_(new GuardSlot) {
  slot_->watchdog = watchdog;
  slot_->signal_stack.resize(kSignalStackBytes);
  stack_t stack{};
  stack.ss_sp = slot_->signal_stack.data();
  stack.ss_size = slot_->signal_stack.size();
  sigaltstack(&stack, &slot_->previous_stack);
  slot_->outer = current;
  current = slot_.get();
  install();
  if (watchdog.count() > 0) slot_->watcher = std::thread([slot = slot_.get()] { watch(*slot); });
}

CrashGuard::~CrashGuard() {
  if (slot_->watcher.joinable()) {
    {
      std::lock_guard lock(slot_->mutex);
      slot_->stopping = true;
    }
    slot_->wake.notify_all();
    slot_->watcher.join();
  }
  uninstall();
  current = slot_->outer;
  sigaltstack(&slot_->previous_stack, nullptr);
}

void CrashGuard::arm(LostRun run) {
  std::lock_guard hold(slot_->mutex);
  slot_->armed.store(false);
  slot_->notice =
      "\nthe code under test brought the process down (a fatal signal); the run is in " +
      run.crashed_path + " (" + run.replay_hint + ")\n";
  slot_->partial_path = run.crashed_path + ".partial";
  slot_->run = std::move(run);
  slot_->armed_at = std::chrono::steady_clock::now();
  slot_->armed.store(true);
}

void CrashGuard::disarm() {
  std::lock_guard hold(slot_->mutex);
  slot_->armed.store(false);
}

}  // namespace aion::sandbox
