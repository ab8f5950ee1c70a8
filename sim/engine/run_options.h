// How to run one simulation: seed, strategy, faults, budgets, and whether to keep the trace.
//
// Set fields directly or chain the setters:
//   sim.run(body, RunOptions().with_seed(7).with_strategy(&pct).with_trace());
// (GCC 12 flags designated initializers that leave fields out under -Wextra, so the setters
// are the short way to name only what differs from the defaults.)
#pragma once

#include <atomic>
#include <cstdint>

#include "platform/platform.h"
#include "sim/engine/fault_plan.h"
#include "sim/engine/strategy.h"

namespace aion::sim {

struct RunOptions {
  std::uint64_t seed = 0;
  // Not owned; null means a random walk seeded with `seed`.
  Strategy* strategy = nullptr;
  FaultPlan faults;
  // Scheduling points allowed. A run that reaches them ends as kLongRun when it was still
  // making progress (see livelock_steps), else as kStepBudgetExceeded.
  std::uint64_t max_steps = 1'000'000;
  // Livelock detection, for programs that mark their progress with Platform::note; 0 is off.
  // After this many scheduling points without a note the run is scheduled fairly (every
  // runnable fiber in turn, whatever the strategy says); if as many points again pass without
  // a note, it ends as kLivelock, naming the fibers that kept running and where.
  std::uint64_t livelock_steps = 0;
  // Virtual time the run may reach; a timer due later ends it.
  platform::Nanos max_virtual_time = 3600 * platform::kSecond;
  // Keep every event in RunResult::trace (slower); the trace hash is computed regardless.
  bool record_trace = false;
  // Keep the run's class (RunResult::class_hash; 0 when off). Off only to measure its cost.
  bool track_classes = true;
  // When set, every scheduling point stores its step here: memory another process shares
  // tells how far a run got when its process died. Not owned.
  std::atomic<std::uint64_t>* step_beacon = nullptr;
  // When set, every decision is also stored here, as the strategy made it, for a search to go
  // on after a run whose process died (Strategy::resume_after_death). Not owned.
  DecisionMirror* decision_mirror = nullptr;
  // When the run ends, fibers still alive are dropped where they stand rather than resumed to
  // unwind: not one more instruction of the code under test runs, and what their stacks own is
  // leaked. For a run in a process that ends right after it (a child re-running the prefix of
  // a run whose process died, whose teardown could reach the faulty code again).
  bool abandon_at_end = false;
  // What the main fiber's return means. kWaitForThreads: the run goes on until every fiber
  // finished. kExit: as exit() in a program, the run ends there and the fibers still alive are
  // dropped where they stand (not resumed: what main owned is gone), with no finding.
  // kExitReportingThreads: the same, but threads still alive are a finding (kCheckFailed),
  // for programs that must join or stop what they start.
  enum class MainReturn : std::uint8_t { kWaitForThreads, kExit, kExitReportingThreads };
  MainReturn main_return = MainReturn::kWaitForThreads;

  RunOptions& with_seed(std::uint64_t value) {
    seed = value;
    return *this;
  }
  RunOptions& with_strategy(Strategy* value) {
    strategy = value;
    return *this;
  }
  RunOptions& with_faults(const FaultPlan& value) {
    faults = value;
    return *this;
  }
  RunOptions& with_max_steps(std::uint64_t value) {
    max_steps = value;
    return *this;
  }
  RunOptions& with_livelock_steps(std::uint64_t value) {
    livelock_steps = value;
    return *this;
  }
  RunOptions& with_max_virtual_time(platform::Nanos value) {
    max_virtual_time = value;
    return *this;
  }
  RunOptions& with_main_return(MainReturn value) {
    main_return = value;
    return *this;
  }
  RunOptions& with_trace(bool value = true) {
    record_trace = value;
    return *this;
  }
};

}  // namespace aion::sim
