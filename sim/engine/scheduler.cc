// The scheduler's core: runs, fibers and switching, scheduling points, picking the next fiber,
// the virtual clock and timers, blocking and waking, fault injection.
#include "sim/engine/scheduler.h"

#include <algorithm>
#include <exception>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <utility>

#include "sim/engine/check.h"
#include "sim/engine/hash.h"
#include "sim/engine/scheduler_support.h"

namespace aion::sim::detail {
namespace {

constexpr std::uint64_t kAlwaysFires = std::numeric_limits<std::uint64_t>::max();

std::uint64_t threshold_for(double probability) {
  if (!(probability > 0.0)) return 0;
  if (probability >= 1.0) return kAlwaysFires;
  return static_cast<std::uint64_t>(probability * 18446744073709551616.0);
}

}  // namespace

Scheduler::Scheduler(std::size_t stack_size) : stacks_(stack_size) {
  fibers_.reserve(64);
  for (std::size_t i = 0; i < kFaultSiteCount; ++i) {
    const std::string_view name = fault_site_name(static_cast<FaultSite>(i));
    fault_stream_hashes_[i] = hash_text("fault:" + std::string(name));
    fault_name_hashes_[i] = hash_text(name);
  }
}

Scheduler::~Scheduler() = default;

RunResult Scheduler::run(std::function<void()> main_body, const RunOptions& options,
                         Strategy& strategy) {
  if (phase_ != Phase::kIdle) throw std::logic_error("Simulator::run is not reentrant");
  begin(options, strategy);
  const std::optional<Stack> stack = stacks_.acquire();
  if (!stack) {
    outcome_ = Outcome::kException;
    message_ = "no memory for the stack of fiber `main`";
  } else {
    Fiber& main = create_fiber(*stack, "main", std::move(main_body));
    current_ = &main;
    main.started = true;
    switch_to(host_, main.context, false);
    after_resume();
    tear_down();
  }
  return collect();
}

void Scheduler::begin(const RunOptions& options, Strategy& strategy) {
  ++run_id_;
  init_host(host_);
  strategy_ = &strategy;
  strategy_dictates_faults_ = strategy.dictates_faults();
  strategy_observes_ = strategy.observes_transitions();
  seed_ = options.seed;
  max_steps_ = options.max_steps;
  livelock_steps_ = options.livelock_steps;
  notes_ = 0;
  last_progress_step_ = 0;
  fair_ = false;
  fair_since_ = 0;
  max_virtual_time_ = options.max_virtual_time;
  record_trace_ = options.record_trace;
  step_beacon_ = options.step_beacon;
  decision_mirror_ = options.decision_mirror;
  if (decision_mirror_ != nullptr) decision_mirror_->length->store(0);
  abandon_at_end_ = options.abandon_at_end;
  main_return_ = options.main_return;
  step_ = 0;
  decisions_ = 0;
  now_ = 0;
  hash_.reset();
  causal_.reset();
  track_classes_ = options.track_classes;
  clock_history_.reset();
  notes_history_.reset();
  named_histories_.clear();
  named_objects_.clear();
  trace_.clear();
  schedule_.clear();
  schedule_.reserve(schedule_capacity_hint_);
  fault_counts_ = FaultCounts{};
  for (std::size_t i = 0; i < kFaultSiteCount; ++i) {
    fault_thresholds_[i] = threshold_for(options.faults.probability[i]);
    fault_seeds_[i] = mix64(options.seed ^ fault_stream_hashes_[i]);
    fault_step_[i] = UINT64_MAX;
  }
  const platform::Nanos max_delay_us = options.faults.max_wakeup_delay / 1000;
  max_delay_us_ = static_cast<std::uint32_t>(
      std::clamp<platform::Nanos>(max_delay_us, 1, std::numeric_limits<std::uint32_t>::max() - 1));
  outcome_ = Outcome::kPassed;
  message_.clear();
  abandoned_.clear();
  runnable_.clear();
  free_with_waiters_.clear();
  timers_.clear();
  fiber_count_ = 0;
  current_ = nullptr;
  dying_ = nullptr;
  phase_ = Phase::kRunning;
  strategy.begin_run(options.seed);
}

RunResult Scheduler::collect() {
  strategy_->end_run(decisions_);
  RunResult result;
  result.outcome = outcome_;
  result.message = std::move(message_);
  if (!abandoned_.empty()) {
    result.message += result.message.empty() ? "" : "; ";
    result.message += "abandoned during teardown:";
    for (const std::string& name : abandoned_) result.message += " " + quoted(name);
  }
  result.strategy = strategy_->describe();
  result.seed = seed_;
  schedule_capacity_hint_ =
      std::max({schedule_.size(), schedule_capacity_hint_ / 2, kMinScheduleCapacityHint});
  result.schedule = std::move(schedule_);
  result.trace_hash = hash_.value();
  result.class_hash = causal_.value();
  result.trace = std::move(trace_);
  result.steps = step_;
  result.notes = notes_;
  result.virtual_time = now_;
  result.faults = fault_counts_;
  result.abandoned = std::move(abandoned_);
  schedule_ = Schedule();
  trace_ = Trace();
  abandoned_ = {};
  message_ = {};
  strategy_ = nullptr;
  phase_ = Phase::kIdle;
  return result;
}

Fiber& Scheduler::create_fiber(const Stack& stack, std::string name, std::function<void()> body) {
  if (fiber_count_ == fibers_.size()) fibers_.push_back(std::make_unique<Fiber>());
  Fiber& fiber = *fibers_[fiber_count_];
  fiber.scheduler = this;
  fiber.index = fiber_count_++;
  fiber.name = std::move(name);
  fiber.name_hash = hash_text(fiber.name);
  fiber.body = std::move(body);
  fiber.stack = stack;
  fiber.has_stack = true;
  fiber.started = false;
  fiber.abandoned = false;
  fiber.block = BlockKind::kNone;
  fiber.blocked_on = nullptr;
  fiber.queue = nullptr;
  fiber.queue_next = fiber.queue_prev = nullptr;
  fiber.joiner = nullptr;
  fiber.mutex_to_take = nullptr;
  if (pending_.size() < fiber_count_) pending_.resize(fiber_count_);
  pending_[fiber.index] = {Op::kStartThread, fiber.name_hash};
  fiber.timed_out = false;
  fiber.teardown_ops = 0;
  fiber.teardown_cancels = 0;
  fiber.joined = false;
  fiber.held.clear();
  fiber.fault_opportunities = {};
  fiber.causal = {
      current_ == nullptr ? CausalHash::kMainIdentity : CausalFiber::child_of(current_->causal), 0};
  fiber.as_thread.reset();
  fiber.last_ran = step_;
  fiber.fair_points = 0;
  prepare(fiber.context, fiber.stack, &Scheduler::fiber_entry, &fiber);
  fiber.state = FiberState::kBlocked;  // wake() makes it runnable
  wake(fiber);
  return fiber;
}

void Scheduler::release_stack(Fiber& fiber) {
  if (!fiber.has_stack) return;
  stacks_.release(fiber.stack);
  dispose(fiber.context);
  fiber.has_stack = false;
}

void Scheduler::after_resume() {
  if (dying_ != nullptr) {
    release_stack(*dying_);
    dying_ = nullptr;
  }
}

void Scheduler::resume(Fiber& next, SwitchReason reason) {
  Fiber& from = *current_;
  record(Op::kSwitch, next, from.name, from.name_hash, 0, reason);
  const bool from_done = from.state == FiberState::kFinished;
  if (from_done) dying_ = &from;
  current_ = &next;
  next.started = true;
  next.last_ran = step_;
  switch_to(from.context, next.context, from_done);
  after_resume();
}

void Scheduler::leave_to_host() {
  Fiber& from = *current_;
  const bool from_done = from.state == FiberState::kFinished;
  if (from_done) dying_ = &from;
  current_ = nullptr;
  switch_to(from.context, host_, from_done);
  after_resume();
}

void Scheduler::fiber_entry(void* fiber) {
  Fiber& self = *static_cast<Fiber*>(fiber);
  self.scheduler->run_fiber(self);
}

void Scheduler::run_fiber(Fiber& self) {
  after_resume();
  std::optional<Failure> failure;
  try {
    // Destroyed inside the try: destructors of the body's captures run as simulated code too.
    std::function<void()> body = std::move(self.body);
    self.body = nullptr;
    body();
  } catch (const FiberCancelled&) {
  } catch (const CheckFailure& error) {
    failure = Failure{Outcome::kCheckFailed,
                      "check failed in fiber " + quoted(self.name) + ": " + error.what()};
  } catch (const std::exception& error) {
    failure =
        Failure{Outcome::kException, "fiber " + quoted(self.name) + " threw: " + error.what()};
  } catch (...) {
    failure = Failure{Outcome::kException, "fiber " + quoted(self.name) +
                                               " threw an exception not derived from "
                                               "std::exception"};
  }
  finish_fiber(self, std::move(failure));
}

void Scheduler::finish_fiber(Fiber& self, std::optional<Failure> failure) {
  const bool was_runnable = self.state == FiberState::kRunnable;
  self.state = FiberState::kFinished;
  self.block = BlockKind::kNone;
  if (phase_ == Phase::kRunning) {
    if (was_runnable) {
      runnable_.erase(self.index);
    }
    record(Op::kFinish, self, {}, 0, 0, SwitchReason::kNone);
    add_to_class(self.causal, Op::kFinish, 0, &self.as_thread, Footprint::kWrite);
    if (Fiber* joiner = self.joiner; joiner != nullptr) {
      self.joiner = nullptr;
      if (strategy_observes_) strategy_->woke(joiner->index, self.index);
      wake(*joiner);
    }
    if (failure) {
      end_run(failure->outcome, std::move(failure->message));
    } else if (self.index == 0 && main_return_ != RunOptions::MainReturn::kWaitForThreads) {
      exit_with_main();
    } else {
      dispatch(SwitchReason::kFinished, false);
    }
  } else {
    // Teardown reclaims this stack without unwinding it: what the failure owns goes now.
    failure.reset();
    leave_to_host();
  }
  internal_error("a finished fiber was resumed");
}

void Scheduler::exit_with_main() {
  std::string alive;
  for (std::uint32_t i = 1; i < fiber_count_; ++i) {
    if (fibers_[i]->state != FiberState::kFinished) {
      alive += (alive.empty() ? "" : ", ") + quoted(fibers_[i]->name);
    }
  }
  if (alive.empty()) return end_run(Outcome::kPassed, {});
  // Their stacks may point into what main's return destroyed: they must not run again.
  abandon_at_end_ = true;
  if (main_return_ == RunOptions::MainReturn::kExitReportingThreads) {
    return end_run(Outcome::kCheckFailed, "main returned while threads still ran: " + alive);
  }
  end_run(Outcome::kPassed, {});
}

void Scheduler::end_run(Outcome outcome, std::string message) {
  if (phase_ != Phase::kRunning) return;
  outcome_ = outcome;
  message_ = std::move(message);
  phase_ = Phase::kTearingDown;
  leave_to_host();
}

void Scheduler::misuse(const std::string& what) {
  end_run(Outcome::kCheckFailed,
          "misuse of the platform by fiber " + quoted(current_->name) + ": " + what);
}

void Scheduler::keep(Op op, const Fiber& fiber, std::string_view object, platform::Subject subject,
                     SwitchReason reason) {
  trace_.push_back(
      Event{step_, now_, fiber.index, fiber.name, op, std::string(object), subject, reason});
}

bool Scheduler::reach_point(Op op, std::string_view object, std::uint64_t object_hash,
                            platform::Subject subject) {
  ++step_;
  if (step_beacon_ != nullptr) step_beacon_->store(step_, std::memory_order_relaxed);
  pending_[current_->index] = {op, object_hash};
  record(op, *current_, object, object_hash, subject, SwitchReason::kNone);
  // The slow paths are out of line: this is the cost of every scheduling point.
  if (livelock_steps_ != 0 && (fair_ || step_ - last_progress_step_ > livelock_steps_) &&
      !check_progress(op, object)) {
    return false;
  }
  if (step_ > max_steps_) {
    over_budget(op, object);
    return false;
  }
  return true;
}

// Every point is an opportunity, whether or not another fiber could run: a fiber's
// opportunities must not depend on what others did meanwhile (fault_plan.h). One that fires
// with nobody to yield to is recorded and does nothing.
bool Scheduler::extra_yield() {
  return fault(FaultSite::kExtraYield, 2) != 0 &&
         (runnable_.size() > 1 || !free_with_waiters_.empty());
}

void Scheduler::point(Op op, std::string_view object, std::uint64_t object_hash,
                      platform::Subject subject) {
  if (!reach_point(op, object, object_hash, subject)) return;
  const bool force_yield = extra_yield();
  dispatch(force_yield ? SwitchReason::kYield : SwitchReason::kPreempted, force_yield);
}

void Scheduler::dispatch(SwitchReason reason, bool force_yield) {
  if (timers_due()) fire_timers_due(false);
  while (runnable_.empty() && free_with_waiters_.empty()) {
    if (!advance_clock()) return;
    reason = SwitchReason::kTimer;
  }
  Fiber& next = pick(force_yield);
  if (phase_ != Phase::kRunning) return;
  if (&next != current_) resume(next, reason);
}

Fiber& Scheduler::pick(bool force_yield) {
  Fiber& self = *current_;
  const FiberSet* options = &runnable_;
  bool self_may_run = enabled(self);
  bool self_excluded = false;
  if ((force_yield && self_may_run) || !free_with_waiters_.empty()) {
    // The enabled fibers are then more than the runnable ones (waiters of free mutexes), or
    // fewer (the current fiber made to yield, unless nobody else can run): a union of sets, a
    // word of 64 fibers at a time.
    const bool exclude_self = force_yield && self_may_run;
    enabled_ = runnable_;
    for (const MutexState* mutex : free_with_waiters_) enabled_.add(mutex->waiter_set);
    if (exclude_self) enabled_.erase(self.index);
    if (enabled_.empty()) enabled_.insert(self.index);
    self_excluded = exclude_self && !enabled_.contains(self.index);
    options = &enabled_;
    self_may_run = self_may_run && !exclude_self;
  }
  if (options->size() == 1) {
    return take_turn(*fibers_[(*options)[0]], self_excluded);
  }
  const std::size_t current_position =
      self_may_run ? options->position_of(self.index) : options->size();
  ++decisions_;
  std::size_t chosen = strategy_->choose(
      Decision{step_, *options, {pending_.data(), fiber_count_}, self.index, current_position});
  if (chosen == Strategy::kDiverged) {
    end_run(Outcome::kDivergence, strategy_->divergence());
    return self;
  }
  if (chosen >= options->size()) chosen %= options->size();
  if (decision_mirror_ != nullptr) mirror_decision(options->size(), current_position, chosen);
  if (fair_) chosen = fair_choice(*options);
  Choice choice;
  choice.step = step_;
  choice.value = static_cast<std::uint32_t>(chosen);
  choice.options = static_cast<std::uint32_t>(options->size());
  choice.preemption = current_position < options->size() && chosen != current_position;
  schedule_.push_back(choice);
  return take_turn(*fibers_[(*options)[chosen]], false);
}

Fiber& Scheduler::take_turn(Fiber& fiber, bool forced_yield) {
  if (strategy_observes_) strategy_->executed(fiber.index, pending_[fiber.index], forced_yield);
  if (fiber.state == FiberState::kBlocked && fiber.block == BlockKind::kLock) {
    // Its pending lock runs: the mutex is free, and it is the waiter's now.
    MutexState& mutex = *fiber.mutex_to_take;
    mutex.waiters.remove(fiber);
    mutex.waiter_set.erase(fiber.index);
    take(mutex, fiber);
    wake(fiber);
  }
  return fiber;
}

void Scheduler::over_budget(Op op, std::string_view object) {
  const std::string where = "; fiber " + quoted(current_->name) + " was at " +
                            std::string(op_name(op)) + (object.empty() ? "" : " " + quoted(object));
  if (livelock_steps_ != 0 && notes_ != 0 && step_ - last_progress_step_ <= livelock_steps_) {
    end_run(Outcome::kLongRun,
            "the run was still making progress when it reached its budget of " +
                std::to_string(max_steps_) + " scheduling points: " + std::to_string(notes_) +
                " progress notes, one every " + std::to_string(step_ / notes_) +
                " points, the last at point " + std::to_string(last_progress_step_) + where);
    return;
  }
  end_run(Outcome::kStepBudgetExceeded,
          "more than " + std::to_string(max_steps_) + " scheduling points" +
              (livelock_steps_ != 0
                   ? " with no progress for the last " + std::to_string(step_ - last_progress_step_)
                   : std::string(" (livelock or a long run?)")) +
              where);
}

bool Scheduler::check_progress(Op op, std::string_view object) {
  if (fair_) {
    const std::size_t slot = current_->fair_points++ % Fiber::kRecentPoints;
    current_->recent_ops[slot] = op;
    current_->recent_objects[slot] = object;
  }
  const std::uint64_t quiet = step_ - last_progress_step_;
  if (quiet <= livelock_steps_) return true;
  if (!fair_) {
    fair_ = true;
    fair_since_ = step_;
    for (std::uint32_t i = 0; i < fiber_count_; ++i) fibers_[i]->fair_points = 0;
    return true;
  }
  if (step_ - fair_since_ <= livelock_steps_) return true;
  end_run(Outcome::kLivelock, describe_livelock());
  return false;
}

void Scheduler::mirror_decision(std::size_t options, std::size_t current_position,
                                std::size_t chosen) {
  const std::uint64_t index = decision_mirror_->length->load(std::memory_order_relaxed);
  if (index < decision_mirror_->capacity) {
    decision_mirror_->records[index] = {static_cast<std::uint32_t>(options),
                                        static_cast<std::uint32_t>(current_position),
                                        static_cast<std::uint32_t>(chosen)};
  }
  decision_mirror_->length->store(index + 1, std::memory_order_release);
}

// The option that has waited longest for the CPU; the running fiber has it now.
std::size_t Scheduler::fair_choice(const FiberSet& options) const {
  std::size_t best = 0, position = 0;
  std::uint64_t best_ran = UINT64_MAX;
  for (const std::uint32_t index : options) {
    const Fiber& fiber = *fibers_[index];
    const std::uint64_t ran = &fiber == current_ ? step_ : fiber.last_ran;
    if (ran < best_ran) {
      best = position;
      best_ran = ran;
    }
    ++position;
  }
  return best;
}

bool Scheduler::advance_clock() {
  while (!timers_.empty()) {
    const Timer& earliest = timers_.earliest();
    const Fiber& fiber = *fibers_[earliest.fiber];
    if (fiber.state == FiberState::kBlocked && fiber.wait_token == earliest.token) break;
    timers_.pop();
  }
  if (timers_.empty()) {
    bool anyone_left = false;
    for (std::uint32_t i = 0; i < fiber_count_; ++i) {
      anyone_left |= fibers_[i]->state != FiberState::kFinished;
    }
    if (anyone_left) {
      end_run(Outcome::kDeadlock, describe_blocked());
    } else {
      end_run(Outcome::kPassed, {});
    }
    return false;
  }
  const Timer& earliest = timers_.earliest();
  if (earliest.deadline > max_virtual_time_) {
    end_run(Outcome::kTimeBudgetExceeded,
            "virtual time would pass the budget of " + std::to_string(max_virtual_time_) +
                "ns: fiber " + quoted(fibers_[earliest.fiber]->name) + " waits until " +
                std::to_string(earliest.deadline) + "ns");
    return false;
  }
  now_ = std::max(now_, earliest.deadline);
  fire_timers_due(true);
  return true;
}

void Scheduler::fire_timers_due(bool clock_moved) {
  while (timers_due()) {
    const Timer timer = timers_.earliest();
    timers_.pop();
    Fiber& fiber = *fibers_[timer.fiber];
    if (fiber.state != FiberState::kBlocked || fiber.wait_token != timer.token) continue;
    std::string_view object;
    std::uint64_t object_hash = 0;
    if (fiber.block == BlockKind::kWait) {
      if (fiber.queue != nullptr) fiber.queue->remove(fiber);
      fiber.timed_out = true;
      if (const auto* condvar = static_cast<const CondVarState*>(fiber.blocked_on)) {
        object = condvar->name;
        object_hash = condvar->name_hash;
      }
    }
    record(Op::kTimer, fiber, object, object_hash, 0, SwitchReason::kNone);
    if (strategy_observes_ && clock_moved) strategy_->woke(fiber.index, Strategy::kByClock);
    add_to_class(fiber.causal, Op::kTimer, object_hash, &clock_history_, Footprint::kWrite);
    // A wait that timed out, or a delayed wake-up, goes on to retake its mutex.
    if (fiber.block == BlockKind::kWait || fiber.block == BlockKind::kDelayedWake) {
      wait_to_lock(fiber, *fiber.mutex_to_take);
    } else {
      wake(fiber);
    }
  }
}

bool Scheduler::block(BlockKind kind, const void* object, WaitQueue* queue) {
  Fiber& self = *current_;
  self.state = FiberState::kBlocked;
  self.block = kind;
  self.blocked_on = object;
  if (queue != nullptr) queue->push_back(self);
  runnable_.erase(self.index);
  dispatch(SwitchReason::kBlocked, false);
  return phase_ == Phase::kRunning;
}

void Scheduler::wake(Fiber& fiber) {
  fiber.state = FiberState::kRunnable;
  fiber.block = BlockKind::kNone;
  fiber.blocked_on = nullptr;
  ++fiber.wait_token;
  runnable_.insert(fiber.index);
}

// A fiber just taken off a condvar's queue by a notify.
void Scheduler::wake_waiter(Fiber& fiber) {
  if (strategy_observes_) strategy_->woke(fiber.index, current_->index);
  const std::uint32_t delay_us = fault(FaultSite::kWakeupDelayed, max_delay_us_ + 1);
  if (delay_us == 0) {
    wait_to_lock(fiber, *fiber.mutex_to_take);
    return;
  }
  ++fiber.wait_token;
  fiber.block = BlockKind::kDelayedWake;
  fiber.blocked_on = nullptr;
  timers_.push(deadline_after(static_cast<platform::Nanos>(delay_us) * 1000), fiber.index,
               fiber.wait_token);
}

platform::Nanos Scheduler::deadline_after(platform::Nanos duration) const {
  const platform::Nanos room = std::numeric_limits<platform::Nanos>::max() - now_;
  return duration >= room ? std::numeric_limits<platform::Nanos>::max()
                          : now_ + std::max<platform::Nanos>(duration, 0);
}

std::uint32_t Scheduler::inject(FaultSite site, std::uint32_t options) {
  const auto i = static_cast<std::size_t>(site);
  std::uint32_t value = 0;
  if (fault_step_[i] != step_) {
    fault_step_[i] = step_;
    fault_nth_[i] = 0;
  }
  const std::uint32_t nth = fault_nth_[i]++;
  if (strategy_dictates_faults_) {
    value = strategy_->dictate_fault(site, step_, nth);
  } else if (fault_thresholds_[i] != 0) {
    // The fiber's n-th opportunity at the site decides by itself, whatever ran between: two
    // independent transitions that swap keep their faults, as the searches that reorder them
    // assume, and a schedule still gives one run.
    Fiber& fiber = *current_;
    const std::uint64_t opportunity = fiber.fault_opportunities[i]++;
    const std::uint64_t draw =
        mix64(fault_seeds_[i] ^ mix64(fiber.causal.identity + opportunity * 0x9e3779b97f4a7c15ULL));
    if (draw < fault_thresholds_[i] || fault_thresholds_[i] == kAlwaysFires) {
      value = options > 2 ? 1 + static_cast<std::uint32_t>(mix64(draw) % (options - 1)) : 1;
    }
  }
  if (value == 0) return 0;
  ++fault_counts_.injected[i];
  Choice choice;
  choice.step = step_;
  choice.value = value;
  choice.options = options;
  choice.kind = ChoiceKind::kFault;
  choice.site = site;
  choice.nth = nth;
  schedule_.push_back(choice);
  add_to_class(current_->causal, Op::kFault, fault_name_hashes_[i] ^ value, nullptr,
               Footprint::kLocal);
  record(Op::kFault, *current_, fault_site_name(site), fault_name_hashes_[i], value,
         SwitchReason::kNone);
  return value;
}

}  // namespace aion::sim::detail
