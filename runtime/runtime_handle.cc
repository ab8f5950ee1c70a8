#include "runtime/runtime_handle.h"

#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

namespace aion::runtime {
namespace {

std::string process_name(Pid pid) { return "process " + std::to_string(pid); }

EngineError shut_down_error(const std::string& what) {
  return EngineError{ErrorKind::kShutDown, "cannot " + what + ": the runtime is shut down"};
}

}  // namespace

Result<std::unique_ptr<RuntimeHandle>> RuntimeHandle::create(platform::Platform& platform,
                                                             RuntimeConfig config) {
  if (config.defects.has(Defect::kNondeterministic)) {
    // A warm-up every other instance: state that outlives the runtime (per
    // thread, so that every second run on a thread differs from the first).
    thread_local std::uint64_t instances = 0;
    if (instances++ % 2 == 1) platform.yield_point("runtime.warm_up");
  }
  std::unique_ptr<RuntimeHandle> runtime(new RuntimeHandle(platform, config));
  if (Status started = runtime->scheduler_.start(); !started) return started.error();
  runtime->scheduler_started_ = true;
  return runtime;
}

RuntimeHandle::RuntimeHandle(platform::Platform& platform, RuntimeConfig config)
    : core_(platform, config), scheduler_(core_) {}

RuntimeHandle::~RuntimeHandle() {
  if (scheduler_started_) (void)shutdown();
  for (auto& thread : late_joins_) thread->join();
}

Result<Pid> RuntimeHandle::spawn(WorkflowProgram program) {
  platform::LockGuard lock(*core_.mutex);
  if (core_.shutting_down) return shut_down_error("spawn a process");
  Pid pid = kNoPid;
  if (core_.config.defects.has(Defect::kPidReused) && !core_.recycled_pids.empty()) {
    pid = core_.recycled_pids.back();
    core_.recycled_pids.pop_back();
  } else {
    pid = core_.next_pid++;
  }
  auto process = std::make_unique<Process>();
  process->pid = pid;
  process->program = std::move(program);
  core_.heaps.allocate(pid, core_.config.spawn_heap_bytes);
  core_.nif.create(pid);
  core_.ledger.open(pid);
  Process& placed = *core_.live.emplace(pid, std::move(process)).first->second;
  core_.make_runnable(placed);
  return pid;
}

Result<Pid> RuntimeHandle::spawn_test_process() {
  return spawn(WorkflowProgram{}.run_until_cancelled());
}

// The lookup through "the table that replaced it", which for a pid never spawned is itself.
static bool live_through_forwarding(const RuntimeCore& core, Pid pid, std::uint64_t depth) {
  volatile char frame[256] = {};
  frame[depth % sizeof frame] = 1;
  if (core.spawned(pid)) return depth == 0;
  // Used after the call, so that the call cannot become a jump.
  const bool forwarded = live_through_forwarding(core, pid, depth + 1);
  return forwarded && frame[0] == 1;
}

bool RuntimeHandle::is_live(Pid pid) {
  platform::LockGuard lock(*core_.mutex);
  if (core_.config.defects.has(Defect::kCrashStackOverflow) && !core_.spawned(pid)) {
    return live_through_forwarding(core_, pid, 0);
  }
  const Process* process = core_.find_live(pid);
  if (core_.config.defects.has(Defect::kIsLiveMeansNotExited)) {
    return process != nullptr && process->state != ProcessState::kExited;
  }
  return process != nullptr;
}

Status RuntimeHandle::cancel_pid(Pid pid) {
  platform::LockGuard lock(*core_.mutex);
  const std::string what = "cancel " + process_name(pid);
  const RuntimeDefects& defects = core_.config.defects;
  if (core_.shutting_down && !defects.has(Defect::kCancelAfterShutdown)) {
    return shut_down_error(what);
  }
  if (!core_.spawned(pid)) {
    return EngineError{ErrorKind::kNeverSpawned,
                       "cannot " + what + ": it was never spawned by this runtime"};
  }
  Process* process = core_.find_live(pid);
  // "Only live pids are ever cancelled": an assertion that can fail.
  if (defects.has(Defect::kCrashAbort) && process == nullptr) std::abort();
  if (process == nullptr || process->state == ProcessState::kExited) {
    return EngineError{ErrorKind::kNotLive, "cannot " + what + ": it is not live (it exited)"};
  }
  const bool parked = process->state == ProcessState::kAwaiting ||
                      process->state == ProcessState::kSleeping ||
                      process->state == ProcessState::kParked;
  if (defects.has(Defect::kCancelExitsInline) && parked) {
    // Nothing runs a parked process: exit it here rather than wake a scheduler.
    if (process->state == ProcessState::kSleeping) {
      core_.sleepers.erase({process->wake_at, pid});
    }
    core_.publish_exit(*process, ExitRecord{AtomTable::kCancelled, ResultTag::kNone, {}});
    core_.remove_from_live_table(pid);
    return ok_status();
  }
  core_.request_cancel(*process);
  if (!defects.has(Defect::kCancelReturnsEarly)) core_.wait_until_gone(pid);
  return ok_status();
}

Status RuntimeHandle::deliver_activity_completion(Pid pid, Correlation correlation,
                                                  std::string payload) {
  core_.platform.yield_point("activity.deliver", pid);
  platform::LockGuard lock(*core_.mutex);
  const std::string what =
      "deliver completion " + std::to_string(correlation) + " to " + process_name(pid);
  if (core_.shutting_down) return shut_down_error(what);
  if (!core_.spawned(pid)) {
    return EngineError{ErrorKind::kNeverSpawned,
                       "cannot " + what + ": it was never spawned by this runtime"};
  }
  const RuntimeDefects& defects = core_.config.defects;
  Process* process = core_.find_live(pid);
  // R4: is_live was taken to mean "can still take completions".
  const bool exited = process == nullptr || (!defects.has(Defect::kR4DeliveryTrustsLiveTable) &&
                                             process->state == ProcessState::kExited);
  if (exited && defects.has(Defect::kSpinWithoutYield)) {
    // "It may be restarting": wait for it without letting anyone else run.
    volatile bool restarted = false;
    while (!restarted) {
    }
  }
  if (exited) {
    return EngineError{ErrorKind::kDeliveryRefused,
                       "cannot " + what + ": it has exited; nothing was retained"};
  }
  if (defects.has(Defect::kR3DeliveryCheckThenRetain)) {
    // R3: the liveness check and the retention were two critical sections.
    lock.unlock();
    core_.platform.yield_point("activity.retain", pid);
    lock.lock();
    process = core_.find_live(pid);
  }
  if (!core_.inbox.retain(pid, correlation, std::move(payload))) {
    return EngineError{ErrorKind::kDuplicateDelivery,
                       "cannot " + what + ": that correlation is already waiting to be taken"};
  }
  core_.observer().completion_retained(pid, correlation);
  if (process != nullptr && process->state == ProcessState::kAwaiting) {
    const bool first_only = defects.has(Defect::kDeliveryWakesFirstOnly);
    for (const Correlation awaited : process->awaiting) {
      if (awaited == correlation) {
        core_.make_runnable(*process);
        break;
      }
      if (first_only) break;
    }
  }
  return ok_status();
}

Status RuntimeHandle::shutdown() {
  {
    platform::LockGuard lock(*core_.mutex);
    if (core_.shutting_down) {
      return EngineError{ErrorKind::kShutDown,
                         "cannot shut down: the runtime is already shut down"};
    }
    core_.shutting_down = true;
    core_.work_available->notify_all();
  }
  scheduler_.join();

  std::vector<std::unique_ptr<platform::Thread>> monitor_threads;
  {
    platform::LockGuard lock(*core_.mutex);
    // No scheduler runs now, so no process is mid-step: each live one exits
    // here, in pid order.
    while (!core_.live.empty()) {
      Process& process = *core_.live.begin()->second;
      const Pid pid = process.pid;
      if (process.state != ProcessState::kExited) {
        core_.publish_exit(process, ExitRecord{AtomTable::kShutdown, ResultTag::kNone, {}});
      }
      core_.remove_from_live_table(pid);
    }
    for (auto& [id, slot] : core_.monitor_threads)
      monitor_threads.push_back(std::move(slot.thread));
    core_.monitor_threads.clear();
  }
  const RuntimeDefects& defects = core_.config.defects;
  if (defects.has(Defect::kShutdownJoinsLate)) {
    // The destructor joins them: shutdown "need not wait for callbacks".
    for (auto& thread : monitor_threads) late_joins_.push_back(std::move(thread));
    monitor_threads.clear();
  }
  for (auto& thread : monitor_threads) thread->join();

  for (;;) {
    Pid pid;
    {
      platform::LockGuard lock(*core_.mutex);
      // What a concurrent monitor_process does outside the lock: joining
      // monitor threads it took out, releasing what an undo claimed.
      while (core_.monitor_threads_joining > 0 || core_.undo_releases > 0) {
        core_.outside_work_done->wait(*core_.mutex);
      }
      const auto exited = core_.ledger.first_exited();
      if (!exited || defects.has(Defect::kShutdownKeepsUnmonitored)) break;
      pid = *exited;
      (void)core_.take_outcome(pid);
    }
    core_.release_resources(pid);
  }
  if (defects.has(Defect::kShutdownReleasesAgain)) {
    Pid spawned = kNoPid;
    {
      platform::LockGuard lock(*core_.mutex);
      spawned = core_.next_pid;
    }
    for (Pid pid = 1; pid < spawned; ++pid) {
      core_.release_heap(pid);
      core_.clean_nif(pid);
    }
  }
  return ok_status();
}

std::optional<WorkflowProcessOutcome> RuntimeHandle::recent_exit(Pid pid) {
  std::optional<ExitRecord> exit;
  {
    platform::LockGuard lock(*core_.mutex);
    exit = core_.tombstones.find(pid);
  }
  if (core_.config.defects.has(Defect::kCrashSegfault) && !exit) {
    // "A monitored pid always has its tombstone": read through the entry that is not there.
    volatile const ExitRecord* missing = nullptr;
    exit = ExitRecord{missing->reason, missing->tag, {}};
  }
  if (!exit) return std::nullopt;
  return workflow_process_outcome(pid, *exit, core_.atoms);
}

RuntimeCounts RuntimeHandle::counts() {
  RuntimeCounts counts;
  {
    platform::LockGuard lock(*core_.mutex);
    counts.live_processes = core_.live.size();
    counts.retained_completions = core_.inbox.retained();
    counts.ledger_entries = core_.ledger.size();
    counts.monitors_pending = core_.monitors.size();
    counts.runtime_threads_alive = core_.schedulers_running;
    const bool all = core_.config.defects.has(Defect::kThreadCountIncludesFinished);
    for (const auto& [id, slot] : core_.monitor_threads) {
      if (all || !slot.finished) ++counts.runtime_threads_alive;
    }
    counts.tombstones = core_.tombstones.size();
    counts.tombstone_evictions = core_.tombstones.evictions();
  }
  counts.spawn_heaps_held = core_.heaps.held();
  counts.nif_states_held = core_.nif.held();
  counts.double_heap_releases = core_.heaps.double_releases();
  counts.double_nif_cleanups = core_.nif.double_cleanups();
  return counts;
}

}  // namespace aion::runtime
