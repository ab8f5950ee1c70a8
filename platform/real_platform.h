// RealPlatform: the production implementation of the platform interface, on
// OS threads, std::mutex and the steady clock. Yield points cost nothing.
//
// Introspection is real too: each thread knows its name and the platform mutexes it holds,
// and the platform keeps a registry of the threads it started until they are joined, so the
// oracles of the real-thread tests can ask the same questions the simulator answers.
//
// For tests, thread starts can be made to fail: a fault predicate sees each
// thread's name and, when it answers true, the start fails with a reason as a
// real resource exhaustion would.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "platform/platform.h"

namespace aion::platform {

class RealPlatform final : public Platform {
 public:
  using ThreadStartFault = std::function<bool(std::string_view thread_name)>;

  std::unique_ptr<Mutex> new_mutex(std::string_view name) override;
  std::unique_ptr<CondVar> new_condvar(std::string_view name) override;
  ThreadStart start_thread(std::string name, std::function<void()> body) override;
  Nanos now() override;
  void sleep_for(Nanos duration) override;
  void yield_point(const char* site, Subject subject) override;
  void access(std::string_view object, Access access) override;
  ThreadView current_thread() override;
  std::vector<UnjoinedThread> unjoined_threads() override;
  bool note(const char* what, Subject subject) override;

  // The threads this platform started and nobody joined yet; shared with the threads
  // themselves, which mark their end in it.
  struct Registry {
    std::mutex mutex;
    std::map<std::uint64_t, UnjoinedThread> unjoined;  // by id, which grows with start order
  };

  // Installs (or, with an empty function, removes) the thread-start fault.
  void set_thread_start_fault(ThreadStartFault fault);

 private:
  std::mutex fault_mutex_;
  ThreadStartFault fault_;
  std::shared_ptr<Registry> registry_ = std::make_shared<Registry>();
};

}  // namespace aion::platform
