// Tombstones: a bounded FIFO of recent exits. It answers "did pid P exit, and
// how?" without consuming anything; when full, the oldest entry is evicted.
// Nothing may depend on a tombstone surviving: that is the exit ledger's job.
// Not synchronised: the runtime guards it with its state lock.
#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <utility>

#include "runtime/exit_record.h"
#include "runtime/pid.h"

namespace aion::runtime {

class Tombstones {
 public:
  // `evict_newest` is the tombstone-evicts-newest defect.
  Tombstones(std::size_t capacity, bool evict_newest)
      : capacity_(capacity < 1 ? 1 : capacity), evict_newest_(evict_newest) {}

  // Returns the pid whose entry it evicted to make room, if any.
  std::optional<Pid> record(Pid pid, const ExitRecord& exit);
  std::optional<ExitRecord> find(Pid pid) const;

  std::size_t size() const { return entries_.size(); }
  std::size_t evictions() const { return evictions_; }

 private:
  std::size_t capacity_;
  bool evict_newest_;
  std::deque<std::pair<Pid, ExitRecord>> entries_;
  std::size_t evictions_ = 0;
};

}  // namespace aion::runtime
