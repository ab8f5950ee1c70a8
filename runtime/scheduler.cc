#include "runtime/scheduler.h"

#include <algorithm>
#include <limits>
#include <string>
#include <type_traits>
#include <variant>

namespace aion::runtime {

Status Scheduler::start() {
  const std::size_t wanted = std::max<std::size_t>(core_.config.scheduler_threads, 1);
  // Counted once, before any starts, rather than after each: a lock taken per thread would
  // order every start against the threads already running, classes that differ in nothing
  // that the contract can see.
  {
    platform::LockGuard lock(*core_.mutex);
    core_.schedulers_running += wanted;
  }
  for (std::size_t i = 0; i < wanted; ++i) {
    auto start =
        core_.platform.start_thread("aion-scheduler-" + std::to_string(i), [this] { loop(); });
    if (!start.ok()) {
      {
        platform::LockGuard lock(*core_.mutex);
        core_.schedulers_running -= wanted - i;
        core_.shutting_down = true;
        core_.work_available->notify_all();
      }
      join();
      return EngineError{ErrorKind::kThreadStartFailed, "failed to start scheduler thread " +
                                                            std::to_string(i) + ": " + start.error};
    }
    threads_.push_back(std::move(start.thread));
  }
  return ok_status();
}

void Scheduler::join() {
  for (auto& thread : threads_) thread->join();
  threads_.clear();
}

void Scheduler::loop() {
  platform::LockGuard lock(*core_.mutex);
  while (!core_.shutting_down) {
    if (!core_.sleepers.empty()) fire_due_timers();
    if (!core_.run_queue.empty()) {
      const Pid pid = core_.run_queue.front();
      core_.run_queue.pop_front();
      Process* process = core_.find_live(pid);
      if (process == nullptr || process->state != ProcessState::kRunnable) continue;
      process->state = ProcessState::kRunning;
      run_slice(lock, *process);
      continue;
    }
    if (core_.config.defects.has(Defect::kSchedulerPolls)) {
      // "Waking up is slower than looking again."
      lock.unlock();
      core_.platform.yield_point("scheduler.idle");
      lock.lock();
    } else if (core_.sleepers.empty()) {
      core_.work_available->wait(*core_.mutex);
    } else {
      const platform::Nanos wait = core_.sleepers.begin()->first - core_.platform.now();
      if (wait > 0) core_.work_available->wait_for(*core_.mutex, wait);
    }
  }
  --core_.schedulers_running;
}

void Scheduler::fire_due_timers() {
  const platform::Nanos now = core_.platform.now();
  while (!core_.sleepers.empty() && core_.sleepers.begin()->first <= now) {
    const Pid pid = core_.sleepers.begin()->second;
    Process* process = core_.find_live(pid);
    process->timer_fired = true;
    core_.make_runnable(*process);
  }
}

void Scheduler::run_slice(platform::LockGuard& lock, Process& process) {
  std::size_t budget = std::max<std::size_t>(core_.config.reductions_per_slice, 1);
  while (run_step(lock, process, budget)) {
  }
}

bool Scheduler::run_step(platform::LockGuard& lock, Process& process, std::size_t& budget) {
  if (process.cancel_requested) {
    exit(lock, process, ExitRecord{AtomTable::kCancelled, ResultTag::kNone, {}});
    return false;
  }
  if (process.pc >= process.program.steps.size()) {
    exit(lock, process, ExitRecord{AtomTable::kNormal, ResultTag::kOk, {}});
    return false;
  }
  const Pid pid = process.pid;
  return std::visit(
      [&](const auto& step) -> bool {
        using S = std::decay_t<decltype(step)>;
        if constexpr (std::is_same_v<S, step::Work>) {
          if (process.reductions_done >= step.reductions) {
            process.reductions_done = 0;
            ++process.pc;
            return true;
          }
          if (budget == 0) {
            core_.make_runnable(process);
            return false;
          }
          lock.unlock();
          core_.platform.yield_point("workflow.reduction", pid);
          lock.lock();
          --budget;
          ++process.reductions_done;
          return true;
        } else if constexpr (std::is_same_v<S, step::AwaitAll>) {
          return run_await(process, false);
        } else if constexpr (std::is_same_v<S, step::AwaitAny>) {
          return run_await(process, true);
        } else if constexpr (std::is_same_v<S, step::Sleep>) {
          if (process.timer_fired) {
            process.timer_fired = false;
            process.step_started = false;
            core_.nif.set_armed_timers(pid, 0);
            ++process.pc;
            return true;
          }
          const platform::Nanos now = core_.platform.now();
          // Saturated: a sleep longer than the clock can count parks for ever.
          process.wake_at = step.duration > std::numeric_limits<platform::Nanos>::max() - now
                                ? std::numeric_limits<platform::Nanos>::max()
                                : now + step.duration;
          process.state = ProcessState::kSleeping;
          core_.sleepers.emplace(process.wake_at, pid);
          core_.nif.set_armed_timers(pid, 1);
          return false;
        } else if constexpr (std::is_same_v<S, step::Complete>) {
          exit(lock, process, ExitRecord{AtomTable::kNormal, ResultTag::kOk, step.value});
          return false;
        } else if constexpr (std::is_same_v<S, step::CompleteWithTaken>) {
          std::string joined;
          for (std::size_t i = 0; i < process.taken.size(); ++i) {
            joined += (i ? "," : "") + process.taken[i];
          }
          exit(lock, process, ExitRecord{AtomTable::kNormal, ResultTag::kOk, joined});
          return false;
        } else if constexpr (std::is_same_v<S, step::Fail>) {
          exit(lock, process, ExitRecord{AtomTable::kNormal, ResultTag::kError, step.reason});
          return false;
        } else if constexpr (std::is_same_v<S, step::Crash>) {
          const bool as_normal = core_.config.defects.has(Defect::kCrashExitsNormal);
          ExitRecord crash =
              as_normal ? ExitRecord{AtomTable::kNormal, ResultTag::kOk, step.error}
                        : ExitRecord{core_.atoms.intern(step.error), ResultTag::kCrash, step.error};
          if (core_.config.defects.has(Defect::kCrashPublishesTwice)) {
            // The crash handler published, then fell through to the end of the program.
            core_.publish_exit(process, crash);
            crash = ExitRecord{AtomTable::kNormal, ResultTag::kOk, {}};
          }
          exit(lock, process, crash);
          return false;
        } else {
          process.state = ProcessState::kParked;
          return false;
        }
      },
      process.program.steps[process.pc]);
}

bool Scheduler::run_await(Process& process, bool any) {
  const auto& correlations =
      any ? std::get<step::AwaitAny>(process.program.steps[process.pc]).correlations
          : std::get<step::AwaitAll>(process.program.steps[process.pc]).correlations;
  if (!process.step_started) {
    process.awaiting = correlations;
    process.step_started = true;
  }
  auto& awaiting = process.awaiting;
  for (auto it = awaiting.begin(); it != awaiting.end();) {
    if (auto payload = core_.inbox.take(process.pid, *it)) {
      core_.observer().completion_taken(process.pid, *it);
      process.taken.push_back(std::move(*payload));
      it = awaiting.erase(it);
      if (any) {
        awaiting.clear();
        break;
      }
    } else {
      ++it;
    }
  }
  if (awaiting.empty()) {
    process.step_started = false;
    core_.nif.set_pending_awaits(process.pid, 0);
    ++process.pc;
    return true;
  }
  process.state = ProcessState::kAwaiting;
  core_.nif.set_pending_awaits(process.pid, awaiting.size());
  return false;
}

void Scheduler::exit(platform::LockGuard& lock, Process& process, ExitRecord exit) {
  const Pid pid = process.pid;
  if (core_.config.defects.has(Defect::kExitTakesLeftovers)) {
    // "A process empties its own mailbox on the way out."
    for (const Correlation leftover : core_.inbox.correlations_of(pid)) {
      (void)core_.inbox.take(pid, leftover);
      core_.observer().completion_taken(pid, leftover);
    }
  }
  if (core_.config.defects.has(Defect::kLeaveBeforePublish)) {
    const std::unique_ptr<Process> gone = core_.leave_live_table(lock, pid);
    core_.publish_exit(*gone, exit);
    return;
  }
  core_.publish_exit(process, exit);
  core_.leave_live_table(lock, pid);
}

}  // namespace aion::runtime
