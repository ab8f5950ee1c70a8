// Threads and the operations of one fiber on its own: start, join, sleep, time, yield points,
// notes, and what a fiber may ask about itself.
#include <algorithm>
#include <exception>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <utility>

#include "sim/engine/scheduler.h"
#include "sim/engine/scheduler_support.h"

namespace aion::sim::detail {

Scheduler::Started Scheduler::start_thread(std::string name, std::function<void()> body) {
  const auto refuse = [&](std::string_view why) -> Started {
    return {std::nullopt, "cannot start thread " + quoted(name) + ": " + std::string(why)};
  };
  if (!in_fiber_run()) {
    count_teardown_op();
    return refuse("no simulation is running");
  }
  const std::uint64_t name_hash = hash_text(name);
  point(Op::kStartThread, name, name_hash, 0);
  if (phase_ != Phase::kRunning) {
    count_teardown_op();
    return refuse("no simulation is running");
  }
  if (fault(FaultSite::kThreadStartFails, 2) != 0) {
    record(Op::kStartFailed, *current_, name, name_hash, 0, SwitchReason::kNone);
    add_to_class(current_->causal, Op::kStartFailed, name_hash, nullptr, Footprint::kLocal);
    return refuse("Resource temporarily unavailable (injected fault thread_start_fails)");
  }
  const std::optional<Stack> stack = stacks_.acquire();
  if (!stack) return refuse("no memory for a stack");
  Fiber& fiber = create_fiber(*stack, std::move(name), std::move(body));
  add_to_class(current_->causal, Op::kStartThread, fiber.name_hash, &fiber.as_thread,
               Footprint::kWrite);
  return {ThreadState{run_id_, fiber.index, false}, {}};
}

void Scheduler::join(ThreadState& thread) {
  if (!in_fiber_run()) return teardown_join(thread);
  if (thread.run_id != run_id_) {
    point(Op::kJoin, {}, 0, 0);
    if (phase_ == Phase::kRunning) misuse("joined a thread started in another run");
    return teardown_block();
  }
  Fiber& target = *fibers_[thread.fiber];
  if (!reach_point(Op::kJoin, target.name, target.name_hash, 0)) return teardown_join(thread);
  if (thread.joined) {
    misuse("joined thread " + quoted(target.name) + " twice");
    return teardown_block();
  }
  thread.joined = true;
  if (&target == current_) {
    misuse("joined itself");
    return teardown_block();
  }
  // A join of a thread still running is enabled once the thread has finished: it blocks here
  // rather than run only to block. Its fault opportunity is there either way (fault_plan.h).
  const bool force_yield = extra_yield();
  if (target.state != FiberState::kFinished) {
    target.joiner = current_;
    if (!block(BlockKind::kJoin, &target, nullptr)) return teardown_join(thread);
  } else {
    dispatch(force_yield ? SwitchReason::kYield : SwitchReason::kPreempted, force_yield);
    if (phase_ != Phase::kRunning) return teardown_join(thread);
  }
  add_to_class(current_->causal, Op::kJoin, target.name_hash, &target.as_thread, Footprint::kRead);
  target.joined = true;
}

void Scheduler::drop_thread(const ThreadState& thread) {
  if (thread.joined || thread.run_id != run_id_ || !in_fiber_run()) return;
  if (std::uncaught_exceptions() > 0) return;
  misuse("destroyed the handle of thread " + quoted(fibers_[thread.fiber]->name) +
         " without joining it");
}

platform::Nanos Scheduler::now() {
  if (!in_fiber_run()) {
    count_teardown_op();
    return now_;
  }
  point(Op::kNow, {}, 0, 0);
  if (in_fiber_run()) {
    add_to_class(current_->causal, Op::kNow, 0, &clock_history_, Footprint::kRead);
  }
  return now_;
}

void Scheduler::sleep_for(platform::Nanos duration) {
  if (!in_fiber_run()) return teardown_block();
  point(Op::kSleep, {}, 0, static_cast<platform::Subject>(duration));
  if (phase_ != Phase::kRunning) return teardown_block();
  add_to_class(current_->causal, Op::kSleep, static_cast<std::uint64_t>(duration), nullptr,
               Footprint::kLocal);
  if (duration <= 0) return;
  Fiber& self = *current_;
  timers_.push(deadline_after(duration), self.index, self.wait_token);
  if (!block(BlockKind::kSleep, nullptr, nullptr)) teardown_block();
}

void Scheduler::yield_point(const char* site, platform::Subject subject) {
  if (!in_fiber_run()) return teardown_block();
  const std::string_view name = site != nullptr ? std::string_view(site) : std::string_view();
  const std::uint64_t site_hash = site_hashes_.hash(site);
  point(Op::kYield, name, site_hash, subject);
  if (phase_ != Phase::kRunning) return teardown_block();
  add_to_class(current_->causal, Op::kYield, site_hash ^ (subject * 0x9e3779b97f4a7c15ULL), nullptr,
               Footprint::kLocal);
}

void Scheduler::access(std::string_view object, platform::Access access) {
  if (!in_fiber_run()) return count_teardown_op();
  const bool write = access == platform::Access::kWrite;
  const Op op = write ? Op::kWrite : Op::kRead;
  const auto named = named_objects_.find(object, [this](std::string_view name) {
    const std::uint64_t hash = hash_text(name);
    return NamedObjectCache<ObjectHistory>::Entry{hash, &named_histories_[hash]};
  });
  point(op, object, named.hash, 0);
  if (phase_ != Phase::kRunning) return count_teardown_op();
  add_to_class(current_->causal, op, named.hash, named.history,
               write ? Footprint::kWrite : Footprint::kRead);
}

bool Scheduler::note(const char* what, platform::Subject subject) {
  if (!in_fiber_run()) return false;
  const std::string_view name = what != nullptr ? std::string_view(what) : std::string_view();
  const std::uint64_t what_hash = site_hashes_.hash(what);
  record(Op::kNote, *current_, name, what_hash, subject, SwitchReason::kNone);
  add_to_class(current_->causal, Op::kNote, what_hash ^ (subject * 0x9e3779b97f4a7c15ULL),
               &notes_history_, Footprint::kWrite);
  if (strategy_observes_) strategy_->noted(current_->index);
  ++notes_;
  last_progress_step_ = step_;
  fair_ = false;
  return true;
}

platform::ThreadView Scheduler::current_thread() const {
  if (current_ == nullptr) return {0, "host", 0, {}};
  const Fiber& self = *current_;
  platform::ThreadView view{
      self.index, self.name, static_cast<std::uint32_t>(self.held.size()), {}};
  if (!self.held.empty()) view.last_mutex = self.held.back()->name;
  return view;
}

std::vector<platform::UnjoinedThread> Scheduler::unjoined_threads() const {
  std::vector<platform::UnjoinedThread> threads;
  // Fiber 0 is main, which nobody started.
  for (std::uint32_t i = 1; i < fiber_count_; ++i) {
    const Fiber& fiber = *fibers_[i];
    if (!fiber.joined) {
      threads.push_back({fiber.index, fiber.name, fiber.state == FiberState::kFinished});
    }
  }
  return threads;
}

}  // namespace aion::sim::detail
