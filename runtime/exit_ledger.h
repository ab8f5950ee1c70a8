// ExitLedger: the exactly-once record of every spawned pid's exit. An entry is
// opened at spawn (pending), filled when the exit is published, and removed
// when its outcome is taken, by the pid's monitor or by shutdown. Whoever
// takes an entry owns the cleanup of that pid: taking happens once, so
// cleanup does too. Not synchronised: guarded by the runtime's state lock.
#pragma once

#include <cstddef>
#include <map>
#include <optional>

#include "runtime/exit_record.h"
#include "runtime/pid.h"

namespace aion::runtime {

class ExitLedger {
 public:
  void open(Pid pid);
  void publish(Pid pid, const ExitRecord& exit);

  bool contains(Pid pid) const { return entries_.count(pid) != 0; }
  bool has_exited(Pid pid) const;
  // Removes and returns a published exit; nothing for a pending or absent pid.
  std::optional<ExitRecord> take(Pid pid);
  // Published, untaken exits, in pid order.
  std::optional<Pid> first_exited() const;

  std::size_t size() const { return entries_.size(); }

 private:
  std::map<Pid, std::optional<ExitRecord>> entries_;
};

}  // namespace aion::runtime
