// Mutexes and condition variables: a fiber waiting for a mutex is enabled while it is free and
// the chosen one is given it; waits release their mutex and wait for it again once notified.
#include <algorithm>
#include <exception>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <utility>

#include "sim/engine/scheduler.h"
#include "sim/engine/scheduler_support.h"

namespace aion::sim::detail {

bool Scheduler::lock_when_free(MutexState& mutex, bool force_yield) {
  Fiber& self = *current_;
  runnable_.erase(self.index);
  wait_to_lock(self, mutex);
  dispatch(force_yield              ? SwitchReason::kYield
           : mutex.owner == nullptr ? SwitchReason::kPreempted
                                    : SwitchReason::kBlocked,
           force_yield);
  return phase_ == Phase::kRunning;
}

bool Scheduler::enabled(const Fiber& fiber) const {
  return fiber.state == FiberState::kRunnable ||
         (fiber.state == FiberState::kBlocked && fiber.block == BlockKind::kLock &&
          fiber.mutex_to_take->owner == nullptr);
}

void Scheduler::forget_earlier_run(MutexState& mutex) const {
  if (mutex.run_id == run_id_) return;
  mutex.run_id = run_id_;
  mutex.owner = nullptr;
  mutex.waiters.forget();
  mutex.waiter_set.clear();
  mutex.waiters_enabled = false;
  mutex.history.reset();
}

void Scheduler::forget_earlier_run(CondVarState& condvar) const {
  if (condvar.run_id == run_id_) return;
  condvar.run_id = run_id_;
  condvar.waiters.forget();
  condvar.history.reset();
}

void Scheduler::take(MutexState& mutex, Fiber& fiber) {
  add_to_class(fiber.causal, Op::kLock, mutex.name_hash, &mutex.history, Footprint::kWrite);
  mutex.owner = &fiber;
  fiber.held.push_back(&mutex);
  disable_waiters(mutex);
}

void Scheduler::wait_to_lock(Fiber& fiber, MutexState& mutex) {
  ++fiber.wait_token;  // its timers are stale
  fiber.state = FiberState::kBlocked;
  fiber.block = BlockKind::kLock;
  fiber.blocked_on = &mutex;
  fiber.mutex_to_take = &mutex;
  pending_[fiber.index] = {Op::kLock, mutex.name_hash};
  mutex.waiters.push_back(fiber);
  mutex.waiter_set.insert(fiber.index);
  if (mutex.owner == nullptr) enable_waiters(mutex);
}

void Scheduler::enable_waiters(MutexState& mutex) {
  if (mutex.waiters_enabled || mutex.waiters.empty()) return;
  mutex.waiters_enabled = true;
  free_with_waiters_.push_back(&mutex);
}

void Scheduler::disable_waiters(MutexState& mutex) {
  if (!mutex.waiters_enabled) return;
  mutex.waiters_enabled = false;
  free_with_waiters_.erase(std::find(free_with_waiters_.begin(), free_with_waiters_.end(), &mutex));
}

void Scheduler::forget_held(MutexState& mutex) {
  if (mutex.owner == nullptr) return;
  auto& held = mutex.owner->held;
  const auto found = std::find(held.rbegin(), held.rend(), &mutex);
  if (found != held.rend()) held.erase(std::next(found).base());
}

// Who gets the mutex next is up to the schedule, as with a real one: each waiter is enabled,
// and so is whoever runs on to lock it again.
void Scheduler::release(MutexState& mutex) {
  add_to_class(current_->causal, Op::kUnlock, mutex.name_hash, &mutex.history, Footprint::kWrite);
  forget_held(mutex);
  mutex.owner = nullptr;
  enable_waiters(mutex);
}

// Its pending lock is enabled while the mutex is free, whoever else takes it first; the fiber
// goes on when the lock is its turn, holding the mutex.
void Scheduler::lock(MutexState& mutex) {
  if (!in_fiber_run()) return teardown_lock(mutex);
  if (!reach_point(Op::kLock, mutex.name, mutex.name_hash, 0)) return teardown_lock(mutex);
  forget_earlier_run(mutex);
  if (mutex.owner == current_) {
    misuse("locked mutex " + quoted(mutex.name) +
           " which it already holds (mutexes are not recursive)");
    return teardown_lock(mutex);
  }
  // The extra_yield fault has something to do only when the fiber could go on (the mutex free).
  const bool force_yield = extra_yield() && mutex.owner == nullptr;
  if (lock_when_free(mutex, force_yield)) return;
  if (mutex_lost(mutex)) {
    teardown_without_mutex();
  } else {
    teardown_lock(mutex);
  }
}

void Scheduler::unlock(MutexState& mutex) {
  if (in_fiber_run()) {
    point(Op::kUnlock, mutex.name, mutex.name_hash, 0);
    if (phase_ == Phase::kRunning) {
      forget_earlier_run(mutex);
      if (mutex.owner != current_) {
        misuse("unlocked mutex " + quoted(mutex.name) +
               (mutex.owner == nullptr ? " which is not locked"
                                       : " which is held by fiber " + quoted(mutex.owner->name)));
      } else {
        release(mutex);
        return;
      }
    }
  }
  count_teardown_op();
  if (current_ != nullptr && mutex.owner == current_) {
    forget_held(mutex);
    mutex.owner = nullptr;
  }
}

bool Scheduler::wait(CondVarState& condvar, MutexState& mutex,
                     std::optional<platform::Nanos> timeout) {
  if (!in_fiber_run()) return teardown_wait(mutex);
  point(Op::kWait, condvar.name, condvar.name_hash, 0);
  if (phase_ != Phase::kRunning) return teardown_wait(mutex);
  forget_earlier_run(condvar);
  forget_earlier_run(mutex);
  Fiber& self = *current_;
  if (mutex.owner != &self) {
    misuse("waited on condvar " + quoted(condvar.name) + " without holding mutex " +
           quoted(mutex.name));
    return teardown_wait(mutex);
  }
  release(mutex);
  if (fault(FaultSite::kSpuriousWakeup, 2) != 0) {
    // The mutex is free for a moment: let others take it before this fiber retakes it.
    if (!lock_when_free(mutex, false)) {
      return mutex_lost(mutex) ? teardown_without_mutex() : teardown_wait(mutex);
    }
    return true;
  }
  self.timed_out = false;
  self.mutex_to_take = &mutex;
  add_to_class(self.causal, Op::kWait, condvar.name_hash, &condvar.history, Footprint::kWrite);
  if (timeout) timers_.push(deadline_after(*timeout), self.index, self.wait_token);
  // Notified or timed out, it waits for the mutex, and runs again holding it.
  if (!block(BlockKind::kWait, &condvar, &condvar.waiters)) {
    return mutex_lost(mutex) ? teardown_without_mutex() : teardown_wait(mutex);
  }
  return !self.timed_out;
}

void Scheduler::notify(CondVarState& condvar, bool all) {
  if (!in_fiber_run()) return count_teardown_op();
  point(all ? Op::kNotifyAll : Op::kNotifyOne, condvar.name, condvar.name_hash, 0);
  if (phase_ != Phase::kRunning) return count_teardown_op();
  forget_earlier_run(condvar);
  add_to_class(current_->causal, all ? Op::kNotifyAll : Op::kNotifyOne, condvar.name_hash,
               &condvar.history, Footprint::kWrite);
  while (Fiber* waiter = condvar.waiters.pop_front()) {
    wake_waiter(*waiter);
    if (!all) break;
  }
}

void Scheduler::drop_mutex(MutexState& mutex) {
  if (mutex.run_id != run_id_) return;
  // Its holder's list must not keep it: the list names what a fiber holds.
  if (Fiber* holder = mutex.owner) {
    forget_held(mutex);
    mutex.owner = nullptr;
    if (in_fiber_run()) {
      misuse("destroyed mutex " + quoted(mutex.name) + " while fiber " + quoted(holder->name) +
             " holds it");
    }
  }
  disable_waiters(mutex);
  mutex.waiter_set.clear();
  // Nobody may take it any more: its waiters, and a fiber in a condvar wait (or notified, its
  // wake-up delayed) that means to retake it.
  for (std::uint32_t i = 0; i < fiber_count_; ++i) {
    Fiber& fiber = *fibers_[i];
    if (fiber.mutex_to_take != &mutex) continue;
    fiber.mutex_to_take = nullptr;
    if (fiber.state == FiberState::kBlocked && in_fiber_run() &&
        (fiber.block == BlockKind::kWait || fiber.block == BlockKind::kDelayedWake)) {
      misuse("destroyed mutex " + quoted(mutex.name) + " while fiber " + quoted(fiber.name) +
             " waits on a condvar with it");
    }
  }
  drop_waiters(mutex.waiters, "mutex", mutex.name);
}

void Scheduler::drop_condvar(CondVarState& condvar) {
  if (condvar.run_id != run_id_) return;
  drop_waiters(condvar.waiters, "condvar", condvar.name);
}

// The message is made only when there is misuse to report: objects are dropped in every run.
void Scheduler::drop_waiters(WaitQueue& waiters, const char* kind, std::string_view name) {
  const Fiber* first = waiters.front();
  while (Fiber* waiter = waiters.pop_front()) waiter->blocked_on = nullptr;
  if (first != nullptr && in_fiber_run()) {
    misuse("destroyed " + std::string(kind) + " " + quoted(name) + " while fiber " +
           quoted(first->name) + " waits on it");
  }
}

}  // namespace aion::sim::detail
