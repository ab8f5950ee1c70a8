// RuntimeCore: the state every part of the runtime shares, and the few
// operations on it that more than one part needs (publishing an exit,
// leaving the live table, releasing a pid's resources).
//
// One state lock ("runtime.state") guards the live table, the run queue, the
// timers, the exit ledger, the tombstones, the completion inbox and the
// monitor registry. Holding them under one lock is what makes a delivery's
// liveness decision atomic with the exit and with the drain. Spawn heaps, NIF
// state and atoms have locks of their own, always taken after the state lock
// or alone.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <utility>
#include <vector>

#include "platform/platform.h"
#include "runtime/atom_table.h"
#include "runtime/completion_inbox.h"
#include "runtime/exit_ledger.h"
#include "runtime/lifecycle_observer.h"
#include "runtime/nif_state.h"
#include "runtime/outcome.h"
#include "runtime/process.h"
#include "runtime/result.h"
#include "runtime/runtime_config.h"
#include "runtime/spawn_heaps.h"
#include "runtime/tombstones.h"

namespace aion::runtime {

using MonitorCallback = std::function<void(Result<WorkflowProcessOutcome>)>;

struct MonitorRecord {
  std::uint64_t id = 0;  // unique per runtime, in installation order
  MonitorCallback callback;
  // Notified when the monitored pid's exit is published.
  std::unique_ptr<platform::CondVar> exit_published;
};

struct MonitorThread {
  std::unique_ptr<platform::Thread> thread;
  bool finished = false;
};

class RuntimeCore {
 public:
  RuntimeCore(platform::Platform& platform, RuntimeConfig config);

  platform::Platform& platform;
  const RuntimeConfig config;
  AtomTable atoms;
  SpawnHeaps heaps;
  NifState nif;

  std::unique_ptr<platform::Mutex> mutex;
  std::unique_ptr<platform::CondVar> work_available;
  std::unique_ptr<platform::CondVar> process_left;
  // Notified when a caller finished work it did outside the lock (see below).
  std::unique_ptr<platform::CondVar> outside_work_done;

  // Everything below is guarded by `mutex`.
  Pid next_pid = 1;
  bool shutting_down = false;
  std::map<Pid, std::unique_ptr<Process>> live;
  std::deque<Pid> run_queue;
  std::set<std::pair<platform::Nanos, Pid>> sleepers;
  ExitLedger ledger;
  Tombstones tombstones;
  CompletionInbox inbox;
  // At most one per pid; a multimap so that the R6 defect can hold two.
  std::multimap<Pid, MonitorRecord> monitors;
  std::map<std::uint64_t, MonitorThread> monitor_threads;  // by monitor id
  std::uint64_t next_monitor_id = 1;
  // Work callers of monitor_process do outside the lock, which shutdown waits
  // for: finished monitor threads they are joining, and the releases of a
  // failed installation's undo.
  std::size_t monitor_threads_joining = 0;
  std::size_t undo_releases = 0;
  std::vector<Pid> recycled_pids;  // the pid-reused defect's free list
  std::size_t schedulers_running = 0;

  bool spawned(Pid pid) const { return pid != kNoPid && pid < next_pid; }
  LifecycleObserver& observer() { return config.observer ? *config.observer : silent_observer_; }
  Process* find_live(Pid pid);
  void make_runnable(Process& process);
  // Asks a process that has not exited to exit as cancelled at its next step,
  // waking it if it is parked.
  void request_cancel(Process& process);
  // Waits, holding the state lock, until pid has left the live table.
  void wait_until_gone(Pid pid);
  // Makes the exit observable: ledger, tombstone, the pid's monitor woken.
  void publish_exit(Process& process, const ExitRecord& exit);
  // The second half of an exit: the pid leaves the live table. `lock` holds
  // the state lock and is released around the window between the two halves.
  // Returns the process, which the caller may still read.
  std::unique_ptr<Process> leave_live_table(platform::LockGuard& lock, Pid pid);
  // Takes pid out of the live table at once, holding the state lock.
  std::unique_ptr<Process> remove_from_live_table(Pid pid);
  // Releases spawn heaps, cleans NIF state and drains completions of an
  // exited pid whose ledger entry the caller took. Call without the lock.
  void release_resources(Pid pid);
  // Its three steps, for the monitor, which owns their order.
  void release_heap(Pid pid);
  void clean_nif(Pid pid);
  void drain_completions(Pid pid);
  // Takes pid's ledger entry (the exactly-once claim on its outcome).
  std::optional<ExitRecord> take_outcome(Pid pid);

 private:
  LifecycleObserver silent_observer_;
};

}  // namespace aion::runtime
