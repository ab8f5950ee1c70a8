// The core of the simulator: fibers on one OS thread, the virtual clock, and the scheduling
// point at every platform operation. Simulator (simulator.h) is its public face; the platform
// objects forward here.
//
// Scheduling: every operation of a fiber first records its event, then asks the strategy which
// enabled fiber goes next (only when there is a choice), and switches directly to it. Enabled
// are the runnable fibers and the fibers waiting to lock a mutex that is free: an unlock does
// not wake its waiters to try again, the one chosen is given the mutex (as in loom and
// Relacy), so contention adds no decisions that the program does not have.
// Virtual time moves only when no fiber is enabled, to the earliest pending timer.
//
// End of a run: when every fiber finished (passed), or at the first finding (deadlock, budget,
// exception, failed check or misuse, divergence) the run stops at once and control returns to
// the host. The host then tears down every unfinished fiber, newest first (threads usually
// borrow from their creators): fibers never started just drop their bodies; the others are
// resumed, and from then on
// - wait, wait_for, join, sleep_for and yield_point throw the internal FiberCancelled when no
//   exception is in flight, so the fiber unwinds and its destructors free what it owns; while
//   an exception is in flight they return at once (wait_for returns false), never blocking;
// - lock takes the mutex at once, unlock releases it if held, notify and now do nothing else,
//   start_thread fails, and a join of a thread already torn down returns; none of them throws
//   (destructors call them);
// - a fiber that swallows its cancellation more than kMaxTeardownCancels times, or makes more
//   than kMaxTeardownOps operations, is abandoned: its stack is reclaimed without unwinding and
//   the result names it;
// - exceptions escaping a fiber during teardown are not findings (the run's outcome is set).
// Code that blocks (wait, sleep, a join of a thread that is not its own child) inside a
// destructor while no exception is in flight would get FiberCancelled from a noexcept
// destructor; such code should not run in a fiber that can be torn down, or should do that work
// outside destructors.
//
// Progress and fairness: Platform::note marks progress. With RunOptions::livelock_steps set,
// a run that goes that many points without a note is scheduled fairly from then on: the
// strategy is still asked (so replays stay aligned) but the runnable fiber that has waited
// longest for the CPU runs, as Coyote's fair phase does; a note ends the fair phase. A fair
// phase as long again without a note ends the run as a livelock.
//
// Misuse by simulated code (unlock of a mutex it does not hold, recursive lock, wait without
// the mutex, join twice, a Thread destroyed unjoined) ends the run as a failed check.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "platform/platform.h"
#include "sim/engine/context.h"
#include "sim/engine/fault_plan.h"
#include "sim/engine/fiber.h"
#include "sim/engine/named_object_cache.h"
#include "sim/engine/rng.h"
#include "sim/engine/run_options.h"
#include "sim/engine/run_result.h"
#include "sim/engine/site_hash_cache.h"
#include "sim/engine/stack_pool.h"
#include "sim/engine/strategy.h"
#include "sim/engine/timer_queue.h"
#include "sim/engine/trace.h"

namespace aion::sim::detail {

class Scheduler {
 public:
  // Generous: tearing down a runtime that holds thousands of processes takes that many
  // operations, and every abandoned fiber leaks what its stack owned.
  static constexpr std::uint32_t kMaxTeardownOps = 1'000'000;
  // A fiber that catches its cancellation this often will not unwind.
  static constexpr std::uint32_t kMaxTeardownCancels = 1'000;

  explicit Scheduler(std::size_t stack_size);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Runs `main_body` as fiber "main" until the run ends; not reentrant.
  RunResult run(std::function<void()> main_body, const RunOptions& options, Strategy& strategy);

  // Platform operations, called by simulated code through the platform objects.
  void lock(MutexState& mutex);
  void unlock(MutexState& mutex);
  // Returns false when it timed out (or was torn down).
  bool wait(CondVarState& condvar, MutexState& mutex, std::optional<platform::Nanos> timeout);
  void notify(CondVarState& condvar, bool all);
  struct Started {
    std::optional<ThreadState> thread;
    std::string error;
  };
  Started start_thread(std::string name, std::function<void()> body);
  void join(ThreadState& thread);
  // A Thread handle is going away.
  void drop_thread(const ThreadState& thread);
  // A mutex or condvar is going away.
  void drop_mutex(MutexState& mutex);
  void drop_condvar(CondVarState& condvar);
  platform::Nanos now();
  void sleep_for(platform::Nanos duration);
  void yield_point(const char* site, platform::Subject subject);
  void access(std::string_view object, platform::Access access);
  bool note(const char* what, platform::Subject subject);
  platform::ThreadView current_thread() const;
  std::vector<platform::UnjoinedThread> unjoined_threads() const;

  std::size_t stacks_mapped() const { return stacks_.mapped(); }

 private:
  enum class Phase { kIdle, kRunning, kTearingDown };
  struct Failure {
    Outcome outcome;
    std::string message;
  };

  static void fiber_entry(void* fiber);
  [[noreturn]] void run_fiber(Fiber& self);
  [[noreturn]] void finish_fiber(Fiber& self, std::optional<Failure> failure);

  void begin(const RunOptions& options, Strategy& strategy);
  RunResult collect();
  void tear_down();

  Fiber& create_fiber(const Stack& stack, std::string name, std::function<void()> body);
  void release_stack(Fiber& fiber);
  void after_resume();
  void resume(Fiber& next, SwitchReason reason);
  void leave_to_host();
  void end_run(Outcome outcome, std::string message);
  // The main fiber returned under RunOptions::MainReturn::kExit or kExitReportingThreads.
  void exit_with_main();
  void misuse(const std::string& what);

  bool in_fiber_run() const { return phase_ == Phase::kRunning && current_ != nullptr; }
  void point(Op op, std::string_view object, std::uint64_t object_hash, platform::Subject subject);
  // The event and the run's checks of a scheduling point; false when the run ended there.
  bool reach_point(Op op, std::string_view object, std::uint64_t object_hash,
                   platform::Subject subject);
  // Whether the extra_yield fault makes the current fiber yield here.
  bool extra_yield();
  void dispatch(SwitchReason reason, bool force_yield);
  Fiber& pick(bool force_yield);
  // At a point of a fair phase or past the quiet bound; false when the run ended as a livelock.
  [[gnu::noinline, gnu::cold]] bool check_progress(Op op, std::string_view object);
  // The step budget ran out: a long run, or just out of steps.
  [[gnu::noinline, gnu::cold]] void over_budget(Op op, std::string_view object);
  std::size_t fair_choice(const FiberSet& options) const;
  void mirror_decision(std::size_t options, std::size_t current_position, std::size_t chosen);
  std::string describe_livelock() const;
  bool advance_clock();
  bool timers_due() const { return !timers_.empty() && timers_.earliest().deadline <= now_; }
  // `clock_moved`: every fiber had stopped and the clock moved to fire them.
  void fire_timers_due(bool clock_moved);
  bool block(BlockKind kind, const void* object, WaitQueue* queue);
  void wake(Fiber& fiber);
  void wake_waiter(Fiber& fiber);
  void release(MutexState& mutex);
  // The current fiber waits for `mutex`, enabled while it is free, and returns holding it
  // (false when the run ended meanwhile).
  bool lock_when_free(MutexState& mutex, bool force_yield);
  // Whether it could run now: runnable, or waiting for a mutex that is free.
  bool enabled(const Fiber& fiber) const;
  // The mutex is `fiber`'s now (it is free).
  void take(MutexState& mutex, Fiber& fiber);
  // `fiber` (blocked) waits to lock `mutex`: enabled whenever the mutex is free.
  void wait_to_lock(Fiber& fiber, MutexState& mutex);
  // On or off the list of free mutexes with waiters.
  void enable_waiters(MutexState& mutex);
  void disable_waiters(MutexState& mutex);
  // The chosen fiber: a waiter for a free mutex takes it and is runnable.
  Fiber& take_turn(Fiber& fiber, bool forced_yield);
  // Takes `mutex` off its owner's list of held mutexes.
  void forget_held(MutexState& mutex);
  // An object last used by an earlier run starts afresh: no owner, no waiters.
  void forget_earlier_run(MutexState& mutex) const;
  void forget_earlier_run(CondVarState& condvar) const;
  void drop_waiters(WaitQueue& waiters, const char* kind, std::string_view name);
  // A fault opportunity: 0 when no fault fires, else the fault's parameter (1 for yes/no
  // faults); `options` is the number of values it could take.
  std::uint32_t fault(FaultSite site, std::uint32_t options) {
    const auto i = static_cast<std::size_t>(site);
    ++fault_counts_.opportunities[i];
    if (!strategy_dictates_faults_ && fault_thresholds_[i] == 0) return 0;
    return inject(site, options);
  }
  std::uint32_t inject(FaultSite site, std::uint32_t options);
  void record(Op op, const Fiber& fiber, std::string_view object, std::uint64_t object_hash,
              platform::Subject subject, SwitchReason reason) {
    hash_.add(step_, now_, fiber.index, fiber.name_hash, op, object_hash, subject, reason);
    if (record_trace_) keep(op, fiber, object, subject, reason);
  }
  void keep(Op op, const Fiber& fiber, std::string_view object, platform::Subject subject,
            SwitchReason reason);
  // An event that takes effect, for the run's class (causal_hash.h).
  void add_to_class(CausalFiber& fiber, Op op, std::uint64_t detail, ObjectHistory* object,
                    Footprint footprint) {
    if (track_classes_) causal_.add(fiber, op, detail, object, footprint);
  }
  platform::Nanos deadline_after(platform::Nanos duration) const;

  // Teardown-time behaviour of operations (see the header comment).
  void count_teardown_op();
  void cancel_unless_unwinding();
  [[noreturn]] void abandon_current();
  void teardown_lock(MutexState& mutex);
  bool teardown_wait(MutexState& mutex);
  // The current fiber waited for `mutex`, which was destroyed meanwhile (drop_mutex).
  bool mutex_lost(const MutexState& mutex) const;
  bool teardown_without_mutex();
  void teardown_block();
  void teardown_join(ThreadState& thread);

  std::string describe_blocked() const;
  std::string describe_block(const Fiber& fiber) const;

  StackPool stacks_;
  std::vector<std::unique_ptr<Fiber>> fibers_;
  std::uint32_t fiber_count_ = 0;
  Context host_;
  Fiber* current_ = nullptr;
  Fiber* dying_ = nullptr;
  FiberSet runnable_;
  // Mutexes that are free and have waiters: their waiters are enabled as well as runnable_.
  std::vector<MutexState*> free_with_waiters_;
  FiberSet enabled_;                // when it is more or less than runnable_
  std::vector<PendingOp> pending_;  // by fiber index (Decision::pending_by_fiber)
  TimerQueue timers_;
  Phase phase_ = Phase::kIdle;
  std::uint64_t run_id_ = 0;

  SiteHashCache site_hashes_;
  Strategy* strategy_ = nullptr;
  bool strategy_dictates_faults_ = false;
  std::uint64_t seed_ = 0;
  std::uint64_t max_steps_ = 0;
  std::uint64_t livelock_steps_ = 0;
  std::uint64_t notes_ = 0;
  std::uint64_t last_progress_step_ = 0;
  bool fair_ = false;
  std::uint64_t fair_since_ = 0;
  platform::Nanos max_virtual_time_ = 0;
  bool record_trace_ = false;
  std::atomic<std::uint64_t>* step_beacon_ = nullptr;
  DecisionMirror* decision_mirror_ = nullptr;
  bool strategy_observes_ = false;
  bool abandon_at_end_ = false;
  RunOptions::MainReturn main_return_ = RunOptions::MainReturn::kWaitForThreads;
  std::uint64_t step_ = 0;
  std::uint64_t decisions_ = 0;
  platform::Nanos now_ = 0;
  TraceHash hash_;
  // The run's class, and the histories of the objects that are not platform objects: the
  // virtual clock, and the named objects of access points (by the hash of their name).
  bool track_classes_ = true;
  CausalHash causal_;
  ObjectHistory clock_history_;
  ObjectHistory notes_history_;  // the program's own events, in one order
  std::unordered_map<std::uint64_t, ObjectHistory> named_histories_;
  NamedObjectCache<ObjectHistory> named_objects_;
  Trace trace_;
  Schedule schedule_;
  // What the next run reserves for its schedule: the last run's length, or half the hint
  // before it when that is more. Runs of one program tend to be alike, so a program of long
  // runs never regrows its record, and after one long run among short ones the reservation
  // is back to small within a few runs.
  static constexpr std::size_t kMinScheduleCapacityHint = 256;
  std::size_t schedule_capacity_hint_ = kMinScheduleCapacityHint;
  FaultCounts fault_counts_;
  std::array<std::uint64_t, kFaultSiteCount> fault_seeds_{};  // of the run, per site
  // Per site, the step of its latest opportunity and how many it had in that step.
  std::array<std::uint64_t, kFaultSiteCount> fault_step_{};
  std::array<std::uint32_t, kFaultSiteCount> fault_nth_{};
  std::array<std::uint64_t, kFaultSiteCount> fault_thresholds_{};
  std::array<std::uint64_t, kFaultSiteCount> fault_stream_hashes_{};
  std::array<std::uint64_t, kFaultSiteCount> fault_name_hashes_{};
  std::uint32_t max_delay_us_ = 1;
  Outcome outcome_ = Outcome::kPassed;
  std::string message_;
  std::vector<std::string> abandoned_;
};

}  // namespace aion::sim::detail
