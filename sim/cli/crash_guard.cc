#include "sim/cli/crash_guard.h"

#include <fcntl.h>
#include <signal.h>
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
#include <variant>
#include <vector>

#include "sim/engine/sealed_text.h"
#include "sim/oracle/invariants.h"

namespace aion::cli {
namespace {

constexpr std::size_t kSignalStackBytes = 64 * 1024;
constexpr std::array<int, 5> kFatal = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

struct Slot {
  std::mutex mutex;  // arm and disarm against the watchdog (the signal handler takes none)
  std::chrono::steady_clock::time_point armed_at;
  std::string hung_path;
  std::string path;
  std::string notice;  // said on stderr as the case is written
  std::string text;    // swapped in whole by the owner thread; read by the handler of that thread
  std::atomic<bool> armed{false};
  std::vector<char> signal_stack;
};

std::atomic<std::vector<Slot>*> active{nullptr};
thread_local int current_worker = -1;
std::array<struct sigaction, kFatal.size()> previous;

void write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t wrote = ::write(fd, data, size);
    if (wrote <= 0) return;
    data += wrote;
    size -= static_cast<std::size_t>(wrote);
  }
}

void on_fatal(int signal) {
  std::vector<Slot>* slots = active.load();
  if (slots != nullptr && current_worker >= 0 &&
      static_cast<std::size_t>(current_worker) < slots->size()) {
    Slot& slot = (*slots)[static_cast<std::size_t>(current_worker)];
    if (slot.armed.exchange(false)) {
      const int fd = ::open(slot.path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (fd >= 0) {
        write_all(fd, slot.text.data(), slot.text.size());
        ::close(fd);
        write_all(STDERR_FILENO, slot.notice.data(), slot.notice.size());
      }
    }
  }
  // Whoever handled the signal before (a sanitizer's report, or the default action) has it
  // next: raised again, it ends the process as it would have without the guard.
  for (std::size_t i = 0; i < kFatal.size(); ++i) {
    if (kFatal[i] == signal) sigaction(signal, &previous[i], nullptr);
  }
  ::raise(signal);
}

// The crash's failure file as a hang's: the same case, expecting `hung`.
std::string as_hung(const std::string& crashed_text) {
  const auto sealed = sim::unseal_text(crashed_text);
  std::string body(std::get<std::string_view>(sealed));
  const std::string crashed =
      "expect failure " + std::string(oracle::invariant_name(oracle::Invariant::kCrashed));
  const auto at = body.find(crashed);
  body.replace(at, crashed.size(),
               "expect failure " + std::string(oracle::invariant_name(oracle::Invariant::kHung)));
  return sim::seal_text(body);
}

}  // namespace

struct CrashGuard::Slots {
  std::vector<Slot> slots;
  std::mutex mutex;
  std::condition_variable stop;
  bool stopping = false;
  std::thread watchdog;
};

std::string CrashGuard::path_of(const std::string& dir, const char* ending, unsigned worker) {
  return dir + "/" + ending + "-worker" + std::to_string(worker) + ".aionfail";
}

CrashGuard::CrashGuard(const std::string& dir, unsigned workers, std::chrono::milliseconds watchdog)
    : slots_(new Slots), watchdog_(watchdog) {
  slots_->slots = std::vector<Slot>(workers);
  for (unsigned w = 0; w < workers; ++w) {
    Slot& slot = slots_->slots[w];
    slot.path = path_of(dir, "crashed", w);
    slot.hung_path = path_of(dir, "hung", w);
    slot.notice =
        "\nthe code under test brought the process down (a fatal signal); the case it ran is in " +
        slot.path + " (aionsim replay runs it isolated)\n";
  }
  active.store(&slots_->slots);
  struct sigaction action {};
  action.sa_handler = on_fatal;
  // On each worker's own signal stack: a stack overflow leaves no room on the one it broke.
  action.sa_flags = SA_RESETHAND | SA_NODEFER | SA_ONSTACK;
  sigemptyset(&action.sa_mask);
  for (std::size_t i = 0; i < kFatal.size(); ++i) sigaction(kFatal[i], &action, &previous[i]);
  slots_->watchdog = std::thread([this] { watch(); });
}

void CrashGuard::watch() {
  const auto tick = std::max(std::chrono::milliseconds(10), watchdog_ / 20);
  std::unique_lock lock(slots_->mutex);
  while (!slots_->stop.wait_for(lock, tick, [this] { return slots_->stopping; })) {
    const auto now = std::chrono::steady_clock::now();
    for (Slot& slot : slots_->slots) {
      std::lock_guard hold(slot.mutex);
      if (!slot.armed.load() || now - slot.armed_at < watchdog_) continue;
      std::ofstream(slot.hung_path, std::ios::binary | std::ios::trunc) << as_hung(slot.text);
      std::fprintf(stderr,
                   "\nthe code under test ran one case past the watchdog (%.1f s) without a "
                   "scheduling point; the case is in %s (aionsim replay runs it isolated)\n",
                   std::chrono::duration<double>(watchdog_).count(), slot.hung_path.c_str());
      std::fflush(stderr);
      std::_Exit(1);
    }
  }
}

CrashGuard::~CrashGuard() {
  {
    std::lock_guard lock(slots_->mutex);
    slots_->stopping = true;
  }
  slots_->stop.notify_all();
  slots_->watchdog.join();
  for (std::size_t i = 0; i < kFatal.size(); ++i) sigaction(kFatal[i], &previous[i], nullptr);
  active.store(nullptr);
}

void CrashGuard::enter(unsigned worker) {
  current_worker = static_cast<int>(worker);
  Slot& slot = slots_->slots[worker];
  slot.signal_stack.resize(kSignalStackBytes);
  stack_t stack{};
  stack.ss_sp = slot.signal_stack.data();
  stack.ss_size = slot.signal_stack.size();
  sigaltstack(&stack, nullptr);
}

void CrashGuard::arm(std::string text) {
  Slot& slot = slots_->slots[static_cast<std::size_t>(current_worker)];
  std::lock_guard hold(slot.mutex);
  slot.armed.store(false);
  slot.text = std::move(text);
  slot.armed_at = std::chrono::steady_clock::now();
  slot.armed.store(true);
}

void CrashGuard::disarm() {
  Slot& slot = slots_->slots[static_cast<std::size_t>(current_worker)];
  std::lock_guard hold(slot.mutex);
  slot.armed.store(false);
}

}  // namespace aion::cli
