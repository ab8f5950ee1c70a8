// NifState: per-process native resource state: the awaits a process has
// pending and the timers it has armed. Created at spawn, cleaned exactly once
// after exit; cleaning state that is not held is counted as a double clean.
#pragma once

#include <cstddef>
#include <map>
#include <memory>

#include "platform/platform.h"
#include "runtime/pid.h"

namespace aion::runtime {

class NifState {
 public:
  explicit NifState(platform::Platform& platform);

  void create(Pid pid);
  void set_pending_awaits(Pid pid, std::size_t awaits);
  void set_armed_timers(Pid pid, std::size_t timers);
  // True when state was held and is now cleaned.
  bool cleanup(Pid pid);

  std::size_t held();
  std::size_t double_cleanups();

 private:
  struct Entry {
    std::size_t pending_awaits = 0;
    std::size_t armed_timers = 0;
  };

  std::unique_ptr<platform::Mutex> mutex_;
  std::map<Pid, Entry> entries_;
  std::size_t double_cleanups_ = 0;
};

}  // namespace aion::runtime
