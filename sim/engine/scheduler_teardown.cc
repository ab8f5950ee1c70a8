// Teardown: the fibers a finished run leaves are resumed to unwind (or dropped, with
// RunOptions::abandon_at_end); what each operation does then (scheduler.h).
#include <algorithm>
#include <exception>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <utility>

#include "sim/engine/scheduler.h"
#include "sim/engine/scheduler_support.h"

namespace aion::sim::detail {

void Scheduler::tear_down() {
  // Nothing waits any more; queues are emptied before any fiber unwinds and destroys objects.
  timers_.clear();
  for (MutexState* mutex : free_with_waiters_) mutex->waiters_enabled = false;
  free_with_waiters_.clear();
  for (std::uint32_t i = 0; i < fiber_count_; ++i) {
    Fiber& fiber = *fibers_[i];
    if (fiber.queue != nullptr) fiber.queue->remove(fiber);
    if (fiber.state == FiberState::kBlocked && fiber.block == BlockKind::kLock &&
        fiber.mutex_to_take != nullptr) {
      fiber.mutex_to_take->waiter_set.erase(fiber.index);
    }
    fiber.joiner = nullptr;
  }
  for (std::uint32_t i = fiber_count_; i-- > 0;) {
    Fiber& fiber = *fibers_[i];
    if (fiber.state == FiberState::kFinished) continue;
    if (!fiber.started || abandon_at_end_) {
      fiber.state = FiberState::kFinished;
      fiber.body = nullptr;
      release_stack(fiber);
      continue;
    }
    current_ = &fiber;
    switch_to(host_, fiber.context, false);
    after_resume();
  }
  current_ = nullptr;
}

void Scheduler::count_teardown_op() {
  if (current_ == nullptr || phase_ != Phase::kTearingDown) return;
  if (++current_->teardown_ops > kMaxTeardownOps) abandon_current();
}

void Scheduler::cancel_unless_unwinding() {
  if (current_ == nullptr || phase_ != Phase::kTearingDown) return;
  if (std::uncaught_exceptions() != 0) return;
  if (++current_->teardown_cancels > kMaxTeardownCancels) abandon_current();
  throw FiberCancelled{};
}

void Scheduler::abandon_current() {
  Fiber& self = *current_;
  self.state = FiberState::kFinished;
  self.abandoned = true;
  abandoned_.push_back(self.name);
  leave_to_host();
  internal_error("an abandoned fiber was resumed");
}

void Scheduler::teardown_lock(MutexState& mutex) {
  count_teardown_op();
  if (current_ == nullptr) return;
  forget_earlier_run(mutex);
  forget_held(mutex);
  mutex.owner = current_;
  current_->held.push_back(&mutex);
}

bool Scheduler::teardown_wait(MutexState& mutex) {
  if (current_ == nullptr && phase_ == Phase::kIdle) {
    throw std::logic_error("CondVar::wait called outside a simulation run");
  }
  count_teardown_op();
  cancel_unless_unwinding();
  if (current_ != nullptr) {
    forget_earlier_run(mutex);
    forget_held(mutex);
    mutex.owner = current_;
    current_->held.push_back(&mutex);
  }
  return false;
}

bool Scheduler::mutex_lost(const MutexState& mutex) const {
  return current_ != nullptr && current_->mutex_to_take != &mutex;
}

// The mutex the fiber waited to take was destroyed meanwhile (drop_mutex forgot it), as when
// the frame that owned it unwound first: the fiber unwinds from here without touching it, and
// never holds it, so that no guard of its unlocks a dead mutex.
bool Scheduler::teardown_without_mutex() {
  count_teardown_op();
  cancel_unless_unwinding();
  return false;
}

void Scheduler::teardown_block() {
  count_teardown_op();
  cancel_unless_unwinding();
}

// Teardown goes newest first, so a thread a fiber started is gone by the time the fiber
// unwinds: joining it does not block, and a destructor may do it.
void Scheduler::teardown_join(ThreadState& thread) {
  if (phase_ == Phase::kTearingDown && current_ != nullptr && thread.run_id == run_id_ &&
      fibers_[thread.fiber]->state == FiberState::kFinished) {
    count_teardown_op();
    thread.joined = true;
    return;
  }
  teardown_block();
}

}  // namespace aion::sim::detail
