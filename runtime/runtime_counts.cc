#include "runtime/runtime_counts.h"

namespace aion::runtime {

std::ostream& operator<<(std::ostream& out, const RuntimeCounts& c) {
  return out << "live=" << c.live_processes << " completions=" << c.retained_completions
             << " heaps=" << c.spawn_heaps_held << " nif=" << c.nif_states_held
             << " ledger=" << c.ledger_entries << " monitors=" << c.monitors_pending
             << " threads=" << c.runtime_threads_alive << " tombstones=" << c.tombstones
             << " evictions=" << c.tombstone_evictions
             << " double_heap_releases=" << c.double_heap_releases
             << " double_nif_cleanups=" << c.double_nif_cleanups;
}

}  // namespace aion::runtime
