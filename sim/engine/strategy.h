// The scheduling strategy interface: at every scheduling point with more than one enabled
// fiber, the simulator asks its strategy which one runs next.
//
// Contract:
// - begin_run(seed) starts a run; a strategy's choices may depend only on the seed, on what it
//   saw in this run's decisions and (for strategies that learn, like the exhaustive explorer)
//   on earlier runs. Randomized strategies draw from their own stream derived from the seed.
// - choose() returns a position in `decision.enabled`, or kDiverged to stop the run (a strict
//   replay that no longer matches); divergence() then says why.
// - A strategy that replays a recorded schedule decides fault opportunities itself:
//   dictates_faults() is true and dictate_fault() answers each opportunity with 0 ("no fault
//   here") or the fault's parameter. Otherwise the run's FaultPlan decides.
// - end_run() closes the run, with the number of decisions it took.
// - The strategy owns the loop over the runs of one program (a scenario and a seed), as
//   shuttle's new_execution() does: wants_run(runs) says whether to run it again after
//   `runs` runs; a sampling strategy runs it once, a systematic search until it has covered its
//   space, and covered() then says so.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/engine/fault_plan.h"
#include "sim/engine/fiber_set.h"
#include "sim/engine/trace.h"

namespace aion::sim {

// What a fiber that is not running will do when it runs next, and on which object (by the
// hash of its name; 0 for none): the operation it stopped at (lock, unlock, wait, notify,
// thread start, join, sleep, time read, yield point), the one it is blocked in and will
// complete (a join, a sleep), kLock for a fiber waiting for a mutex (a wait that was notified
// or timed out waits to retake its mutex), or kStartThread (its own name) for a fiber that has
// not run yet.
struct PendingOp {
  Op op = Op::kYield;
  std::uint64_t object = 0;
};

struct Decision {
  std::uint64_t step = 0;  // scheduling points so far in this run
  // The fibers that can run now, by index, ascending (creation order); at least two. A fiber
  // waiting for a mutex is among them exactly when the mutex is free: choosing it gives it
  // the mutex.
  const FiberSet& enabled;
  // What every fiber of the run does next, by fiber index (kept up to date as fibers reach
  // their points, so that a decision costs the same however many fibers there are).
  std::span<const PendingOp> pending_by_fiber;
  std::uint32_t current = 0;  // the fiber that reached this scheduling point
  // Position of `current` in `enabled`, or enabled.size() when it cannot continue (it
  // blocked, finished, or is made to yield by a fault): then every choice is free, otherwise
  // any other choice is a preemption.
  std::size_t current_position = 0;

  bool current_runnable() const { return current_position < enabled.size(); }
  // What the fiber at `position` of `enabled` does next.
  const PendingOp& pending(std::size_t position) const {
    return pending_by_fiber[enabled[position]];
  }
};

// One decision of a run, as the engine mirrors it where another process can read it
// (RunOptions::decision_mirror), so that a search can go on after a run whose process died.
struct DecisionRecord {
  std::uint32_t options = 0;           // enabled fibers
  std::uint32_t current_position = 0;  // == options when the current fiber could not continue
  std::uint32_t chosen = 0;            // position in `enabled`
};

// Where a run's decisions are mirrored: `records[i]` for the first `capacity`, and their count
// (which may pass capacity) in `length`.
struct DecisionMirror {
  DecisionRecord* records = nullptr;
  std::size_t capacity = 0;
  std::atomic<std::uint64_t>* length = nullptr;
};

class Strategy {
 public:
  static constexpr std::size_t kDiverged = static_cast<std::size_t>(-1);

  virtual ~Strategy() = default;

  virtual void begin_run(std::uint64_t seed) = 0;
  virtual std::size_t choose(const Decision& decision) = 0;
  virtual bool dictates_faults() const { return false; }
  // `nth`: which opportunity at the site within the step, from 0 (a notify_all wakes several).
  virtual std::uint32_t dictate_fault(FaultSite /*site*/, std::uint64_t /*step*/,
                                      std::uint32_t /*nth*/) {
    return 0;
  }
  virtual void end_run(std::uint64_t /*decisions*/) {}
  // A strategy that must know every transition, also those with no choice (a search that
  // keeps sleep sets), says so once per run (read at begin_run); executed() then hears each
  // fiber as it goes on to do its pending operation. `forced_yield` says that it goes on with
  // no decision only because the extra_yield fault took the current fiber out of this one:
  // the current fiber could have gone first, so it is not the only order.
  virtual bool observes_transitions() const { return false; }
  virtual void executed(std::uint32_t /*fiber*/, const PendingOp& /*op*/, bool /*forced_yield*/) {}
  // And woke() hears what made a blocked fiber runnable: `waker`'s transition (a notify, the
  // end of the thread it joins), or the clock (kByClock), which moves only when every fiber
  // has stopped.
  static constexpr std::uint32_t kByClock = UINT32_MAX;
  virtual void woke(std::uint32_t /*fiber*/, std::uint32_t /*waker*/) {}
  // And noted() hears that the transition under way of `fiber` also marked an event of the
  // program's own (Platform::note). Those events are in one order, the program's history,
  // which oracles read (which operation began after another returned): two transitions that
  // both mark one do not commute, whatever else they touch.
  virtual void noted(std::uint32_t /*fiber*/) {}
  virtual std::string divergence() const { return {}; }
  // The text form with every parameter the latest run used (strategy_kind.h), e.g.
  // "pct:3:120"; for a strategy outside the registry, its name.
  virtual std::string describe() const = 0;

  virtual bool wants_run(std::uint64_t runs) const { return runs == 0; }
  virtual bool covered() const { return false; }
  // For a systematic search: the choices its next run is forced to make, after which it keeps
  // the current fiber (as a lenient replay does), so that a run can be told as a case of
  // generated choices before it is made.
  virtual std::vector<std::uint32_t> next_choices() const { return {}; }
  // Or, for one whose next run is a sampling strategy's drawn from a stream of its own: that
  // strategy's text form, which makes the same run on the program's seed; empty when the next
  // run follows next_choices().
  virtual std::string next_form() const { return {}; }
  // The run that the strategy was in died with its process after making `decisions`; it was
  // the program's `runs`-th. A search that learns from its runs goes on from there.
  virtual void resume_after_death(std::span<const DecisionRecord> /*decisions*/,
                                  std::uint64_t /*runs*/) {}
  // What the strategy noticed that puts its coverage in doubt (a forced choice that no
  // longer fit: the program did not repeat itself), or empty.
  virtual std::string warning() const { return {}; }
};

}  // namespace aion::sim
