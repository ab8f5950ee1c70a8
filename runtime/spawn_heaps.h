// SpawnHeaps: the memory the runtime allocates for each process at spawn.
// Released once, after the process exited; a release of a heap that is not
// held is counted (it would be a double release) and otherwise ignored.
#pragma once

#include <cstddef>
#include <map>
#include <memory>

#include "platform/platform.h"
#include "runtime/pid.h"

namespace aion::runtime {

class SpawnHeaps {
 public:
  explicit SpawnHeaps(platform::Platform& platform);

  void allocate(Pid pid, std::size_t bytes);
  // True when a heap was held and is now released.
  bool release(Pid pid);

  std::size_t held();
  std::size_t double_releases();

 private:
  std::unique_ptr<platform::Mutex> mutex_;
  std::map<Pid, std::unique_ptr<std::byte[]>> heaps_;
  std::size_t double_releases_ = 0;
};

}  // namespace aion::runtime
