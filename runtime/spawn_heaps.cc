#include "runtime/spawn_heaps.h"

namespace aion::runtime {

SpawnHeaps::SpawnHeaps(platform::Platform& platform)
    : mutex_(platform.new_mutex("runtime.spawn_heaps")) {}

void SpawnHeaps::allocate(Pid pid, std::size_t bytes) {
  platform::LockGuard lock(*mutex_);
  heaps_[pid] = std::make_unique<std::byte[]>(bytes);
}

bool SpawnHeaps::release(Pid pid) {
  platform::LockGuard lock(*mutex_);
  if (heaps_.erase(pid) == 0) {
    ++double_releases_;
    return false;
  }
  return true;
}

std::size_t SpawnHeaps::held() {
  platform::LockGuard lock(*mutex_);
  return heaps_.size();
}

std::size_t SpawnHeaps::double_releases() {
  platform::LockGuard lock(*mutex_);
  return double_releases_;
}

}  // namespace aion::runtime
