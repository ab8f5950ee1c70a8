// RuntimeCounts: a snapshot of what the runtime holds, for tests and for the
// invariants the simulator checks (nothing held at quiescence, nothing
// released twice).
#pragma once

#include <cstddef>
#include <ostream>

namespace aion::runtime {

struct RuntimeCounts {
  std::size_t live_processes = 0;
  std::size_t retained_completions = 0;
  std::size_t spawn_heaps_held = 0;
  std::size_t nif_states_held = 0;
  std::size_t ledger_entries = 0;
  std::size_t monitors_pending = 0;
  // Scheduler threads plus monitor threads whose body has not finished.
  std::size_t runtime_threads_alive = 0;
  std::size_t tombstones = 0;
  std::size_t tombstone_evictions = 0;
  std::size_t double_heap_releases = 0;
  std::size_t double_nif_cleanups = 0;

  bool operator==(const RuntimeCounts&) const = default;
};

std::ostream& operator<<(std::ostream& out, const RuntimeCounts& counts);

}  // namespace aion::runtime
