#include "runtime/nif_state.h"

namespace aion::runtime {

NifState::NifState(platform::Platform& platform)
    : mutex_(platform.new_mutex("runtime.nif_state")) {}

void NifState::create(Pid pid) {
  platform::LockGuard lock(*mutex_);
  entries_[pid] = Entry{};
}

void NifState::set_pending_awaits(Pid pid, std::size_t awaits) {
  platform::LockGuard lock(*mutex_);
  if (auto found = entries_.find(pid); found != entries_.end())
    found->second.pending_awaits = awaits;
}

void NifState::set_armed_timers(Pid pid, std::size_t timers) {
  platform::LockGuard lock(*mutex_);
  if (auto found = entries_.find(pid); found != entries_.end()) found->second.armed_timers = timers;
}

bool NifState::cleanup(Pid pid) {
  platform::LockGuard lock(*mutex_);
  if (entries_.erase(pid) == 0) {
    ++double_cleanups_;
    return false;
  }
  return true;
}

std::size_t NifState::held() {
  platform::LockGuard lock(*mutex_);
  return entries_.size();
}

std::size_t NifState::double_cleanups() {
  platform::LockGuard lock(*mutex_);
  return double_cleanups_;
}

}  // namespace aion::runtime
