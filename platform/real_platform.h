// RealPlatform: the production implementation of the platform interface, on
// OS threads, std::mutex and the steady clock. Yield points cost nothing.
//
// For tests, thread starts can be made to fail: a fault predicate sees each
// thread's name and, when it answers true, the start fails with a reason as a
// real resource exhaustion would.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

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

  // Installs (or, with an empty function, removes) the thread-start fault.
  void set_thread_start_fault(ThreadStartFault fault);

 private:
  std::mutex fault_mutex_;
  ThreadStartFault fault_;
};

}  // namespace aion::platform
