// Bookkeeping of one simulated thread (a fiber) and of the objects fibers block on.
//
// Fibers live in the scheduler's pool and are reused by later runs; `index` is the creation
// order within the current run (main is 0) and names the fiber in decisions and traces. A
// blocked fiber is in at most one WaitQueue (a mutex's or a condvar's), linked through its own
// fields so that queueing never allocates. Sync objects remember the run that last used them
// and start afresh in a new run, so objects created outside a run, or kept from an earlier
// one, behave as new.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/engine/causal_hash.h"
#include "sim/engine/context.h"
#include "sim/engine/fiber_set.h"
#include "sim/engine/stack_pool.h"
#include "sim/engine/strategy.h"
#include "sim/engine/trace.h"

namespace aion::sim::detail {

class Scheduler;
struct Fiber;
struct MutexState;

enum class FiberState : std::uint8_t { kRunnable, kBlocked, kFinished };

enum class BlockKind : std::uint8_t {
  kNone,
  kLock,         // blocked_on: the MutexState; enabled whenever that mutex is free
  kWait,         // blocked_on: the CondVarState (null once the condvar is destroyed)
  kJoin,         // blocked_on: the Fiber joined
  kSleep,        // on a timer
  kDelayedWake,  // notified, runnable when its timer fires (wakeup_delayed fault)
};

class WaitQueue {
 public:
  bool empty() const { return head_ == nullptr; }
  Fiber* front() const { return head_; }
  void push_back(Fiber& fiber);
  Fiber* pop_front();
  void remove(Fiber& fiber);
  // Drops the members without touching them: they belong to a run that is over.
  void forget() { head_ = tail_ = nullptr; }

 private:
  Fiber* head_ = nullptr;
  Fiber* tail_ = nullptr;
};

struct Fiber {
  Scheduler* scheduler = nullptr;
  std::uint32_t index = 0;
  std::string name;
  std::uint64_t name_hash = 0;
  std::function<void()> body;
  Context context;
  Stack stack;
  bool has_stack = false;
  bool started = false;
  bool abandoned = false;
  bool joined = false;  // a join of its handle returned
  FiberState state = FiberState::kFinished;
  BlockKind block = BlockKind::kNone;
  const void* blocked_on = nullptr;
  WaitQueue* queue = nullptr;
  Fiber* queue_next = nullptr;
  Fiber* queue_prev = nullptr;
  Fiber* joiner = nullptr;
  // The mutex it will take: the one it waits to lock, or the one its condvar wait released
  // and retakes once notified or timed out.
  MutexState* mutex_to_take = nullptr;
  // Bumped on every wake-up: a timer set before the bump is stale.
  std::uint64_t wait_token = 0;
  bool timed_out = false;
  std::uint32_t teardown_ops = 0;
  std::uint32_t teardown_cancels = 0;
  // The mutexes it holds, in the order it took them (Platform::current_thread).
  std::vector<const MutexState*> held;
  // The fiber and its thread as the run's class sees them (causal_hash.h).
  CausalFiber causal;
  // Its opportunities so far at each fault site: with its identity, what decides the next.
  std::array<std::uint64_t, kFaultSiteCount> fault_opportunities{};
  ObjectHistory as_thread;
  // Fair scheduling (see Scheduler): the step it last got the CPU, and while the run is
  // scheduled fairly, how many points it reached and the last few of them (where it spins).
  static constexpr std::size_t kRecentPoints = 4;
  std::uint64_t last_ran = 0;
  std::uint64_t fair_points = 0;
  std::array<Op, kRecentPoints> recent_ops{};
  std::array<std::string_view, kRecentPoints> recent_objects{};
};

inline void WaitQueue::push_back(Fiber& fiber) {
  fiber.queue = this;
  fiber.queue_next = nullptr;
  fiber.queue_prev = tail_;
  if (tail_ != nullptr) {
    tail_->queue_next = &fiber;
  } else {
    head_ = &fiber;
  }
  tail_ = &fiber;
}

inline void WaitQueue::remove(Fiber& fiber) {
  if (fiber.queue_prev != nullptr) {
    fiber.queue_prev->queue_next = fiber.queue_next;
  } else {
    head_ = fiber.queue_next;
  }
  if (fiber.queue_next != nullptr) {
    fiber.queue_next->queue_prev = fiber.queue_prev;
  } else {
    tail_ = fiber.queue_prev;
  }
  fiber.queue = nullptr;
  fiber.queue_next = fiber.queue_prev = nullptr;
}

inline Fiber* WaitQueue::pop_front() {
  Fiber* first = head_;
  if (first != nullptr) remove(*first);
  return first;
}

struct MutexState {
  std::string name;
  std::uint64_t name_hash = 0;
  std::uint64_t run_id = 0;
  Fiber* owner = nullptr;
  ObjectHistory history;  // for the run's class
  WaitQueue waiters;      // fibers waiting to lock it, in order
  FiberSet waiter_set;    // the same, as a set
  // Free with waiters: on the scheduler's list of mutexes whose waiters are enabled.
  bool waiters_enabled = false;
};

struct CondVarState {
  std::string name;
  std::uint64_t name_hash = 0;
  std::uint64_t run_id = 0;
  ObjectHistory history;  // for the run's class
  WaitQueue waiters;
};

struct ThreadState {
  std::uint64_t run_id = 0;
  std::uint32_t fiber = 0;
  bool joined = false;
};

}  // namespace aion::sim::detail
