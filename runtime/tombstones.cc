#include "runtime/tombstones.h"

namespace aion::runtime {

std::optional<Pid> Tombstones::record(Pid pid, const ExitRecord& exit) {
  std::optional<Pid> evicted;
  if (entries_.size() == capacity_) {
    if (evict_newest_) {
      evicted = entries_.back().first;
      entries_.pop_back();
    } else {
      evicted = entries_.front().first;
      entries_.pop_front();
    }
    ++evictions_;
  }
  entries_.emplace_back(pid, exit);
  return evicted;
}

std::optional<ExitRecord> Tombstones::find(Pid pid) const {
  for (const auto& [entry_pid, exit] : entries_) {
    if (entry_pid == pid) return exit;
  }
  return std::nullopt;
}

}  // namespace aion::runtime
