#include "runtime/runtime_core.h"

namespace aion::runtime {

RuntimeCore::RuntimeCore(platform::Platform& platform_in, RuntimeConfig config_in)
    : platform(platform_in),
      config(config_in),
      atoms(platform_in),
      heaps(platform_in),
      nif(platform_in),
      mutex(platform_in.new_mutex("runtime.state")),
      work_available(platform_in.new_condvar("runtime.work_available")),
      process_left(platform_in.new_condvar("runtime.process_left")),
      outside_work_done(platform_in.new_condvar("runtime.outside_work_done")),
      tombstones(config_in.tombstone_capacity,
                 config_in.defects.has(Defect::kTombstoneEvictsNewest)) {}

Process* RuntimeCore::find_live(Pid pid) {
  const auto found = live.find(pid);
  return found == live.end() ? nullptr : found->second.get();
}

void RuntimeCore::make_runnable(Process& process) {
  if (process.state == ProcessState::kSleeping) sleepers.erase({process.wake_at, process.pid});
  process.state = ProcessState::kRunnable;
  run_queue.push_back(process.pid);
  work_available->notify_one();
}

void RuntimeCore::request_cancel(Process& process) {
  process.cancel_requested = true;
  if (process.state == ProcessState::kAwaiting || process.state == ProcessState::kSleeping ||
      process.state == ProcessState::kParked) {
    make_runnable(process);
  }
}

void RuntimeCore::wait_until_gone(Pid pid) {
  while (find_live(pid) != nullptr) process_left->wait(*mutex);
}

void RuntimeCore::publish_exit(Process& process, const ExitRecord& exit) {
  process.state = ProcessState::kExited;
  ledger.publish(process.pid, exit);
  observer().exit_published(process.pid, exit);
  // The heap was "no longer needed" once the process stopped running.
  if (config.defects.has(Defect::kSchedulerFreesHeap)) {
    observer().heap_released(process.pid, heaps.release(process.pid));
  }
  if (const auto evicted = tombstones.record(process.pid, exit)) {
    observer().tombstone_evicted(*evicted);
  }
  const auto [first, last] = monitors.equal_range(process.pid);
  for (auto monitor = first; monitor != last; ++monitor) {
    monitor->second.exit_published->notify_all();
  }
}

std::unique_ptr<Process> RuntimeCore::leave_live_table(platform::LockGuard& lock, Pid pid) {
  if (!config.defects.has(Defect::kNoExitWindow)) {
    lock.unlock();
    platform.yield_point("process.exit_window", pid);
    lock.lock();
  }
  return remove_from_live_table(pid);
}

std::unique_ptr<Process> RuntimeCore::remove_from_live_table(Pid pid) {
  const auto found = live.find(pid);
  std::unique_ptr<Process> process = std::move(found->second);
  live.erase(found);
  observer().left_live_table(pid);
  process_left->notify_all();
  return process;
}

void RuntimeCore::release_resources(Pid pid) {
  release_heap(pid);
  clean_nif(pid);
  drain_completions(pid);
}

void RuntimeCore::release_heap(Pid pid) {
  if (config.defects.has(Defect::kSchedulerFreesHeap)) return;
  observer().heap_released(pid, heaps.release(pid));
}

void RuntimeCore::clean_nif(Pid pid) { observer().nif_cleaned(pid, nif.cleanup(pid)); }

void RuntimeCore::drain_completions(Pid pid) {
  // R1: the cleanup as it first shipped, before race losers were drained.
  if (config.defects.has(Defect::kR1NoDrain)) return;
  platform::LockGuard lock(*mutex);
  observer().completions_drained(pid, inbox.drain(pid));
}

std::optional<ExitRecord> RuntimeCore::take_outcome(Pid pid) {
  std::optional<ExitRecord> exit = ledger.take(pid);
  if (exit) observer().outcome_taken(pid);
  return exit;
}

}  // namespace aion::runtime
