#include "runtime/tombstones.h"

namespace aion::runtime {

void Tombstones::record(Pid pid, const ExitRecord& exit) {
  if (entries_.size() == capacity_) {
    entries_.pop_front();
    ++evictions_;
  }
  entries_.emplace_back(pid, exit);
}

std::optional<ExitRecord> Tombstones::find(Pid pid) const {
  for (const auto& [entry_pid, exit] : entries_) {
    if (entry_pid == pid) return exit;
  }
  return std::nullopt;
}

}  // namespace aion::runtime
