#include "runtime/exit_ledger.h"

namespace aion::runtime {

void ExitLedger::open(Pid pid) { entries_.emplace(pid, std::nullopt); }

void ExitLedger::publish(Pid pid, const ExitRecord& exit) { entries_[pid] = exit; }

bool ExitLedger::has_exited(Pid pid) const {
  const auto found = entries_.find(pid);
  return found != entries_.end() && found->second.has_value();
}

std::optional<ExitRecord> ExitLedger::take(Pid pid) {
  const auto found = entries_.find(pid);
  if (found == entries_.end() || !found->second) return std::nullopt;
  std::optional<ExitRecord> exit = std::move(found->second);
  entries_.erase(found);
  return exit;
}

std::optional<Pid> ExitLedger::first_exited() const {
  for (const auto& [pid, exit] : entries_) {
    if (exit) return pid;
  }
  return std::nullopt;
}

}  // namespace aion::runtime
