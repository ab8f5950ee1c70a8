// CaseRunner: runs a LifecycleCase in the simulator and judges it. It owns a
// Simulator (stacks and fibers pooled across runs), so one runner serves a
// whole campaign on one thread. A case fails when the simulator reports a
// finding (a deadlock is an operation that blocked forever) or the oracle
// reports a violation; the first of these is the case's headline.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/runtime_config.h"
#include "sim/engine/run_result.h"
#include "sim/engine/simulator.h"
#include "sim/engine/strategy.h"
#include "sim/lifecycle/lifecycle_case.h"
#include "sim/oracle/coverage_marks.h"
#include "sim/oracle/violation.h"
#include "sim/sandbox/child_process.h"
#include "sim/sandbox/shared_memory.h"
#include "sim/scenario/run_record.h"

namespace aion::lifecycle {

struct CaseOptions {
  bool record_trace = false;
  std::uint64_t max_steps = 200'000;
  // Scheduling points without lifecycle progress before the run is scheduled
  // fairly, and as many again before it is a livelock (RunOptions::livelock_steps).
  std::uint64_t livelock_steps = 20'000;
  // Runtime settings other than what the scenario fixes (defects, for the zoo).
  runtime::RuntimeConfig runtime;
  // Replaces the lifecycle oracle (to show that a wrong oracle is caught).
  std::function<oracle::Violations(const scenario::Scenario&, const scenario::RunRecord&)> judge;
  // Runs the case in a child process (sim/sandbox), so that code under test that ends its
  // process ends only the child: the case is then kCrashed, or kHung when it ran longer than
  // `watchdog` of wall-clock time (code that spins without reaching a scheduling point). An
  // isolated result crossed from the child: it has no record.
  bool isolate = false;
  std::chrono::milliseconds watchdog{10'000};
  // Where the engine stores each scheduling point's step (RunOptions::step_beacon).
  std::atomic<std::uint64_t>* step_beacon = nullptr;
  // Where the engine mirrors each decision (RunOptions::decision_mirror); in memory a child
  // shares, for a run in a child.
  sim::DecisionMirror* decision_mirror = nullptr;
  // Fibers alive when the run ends are dropped, not unwound (RunOptions::abandon_at_end): for
  // an isolated run whose child must not run the code under test past the end of the run.
  bool abandon_at_end = false;
};

struct CaseResult {
  sim::RunResult run;
  scenario::RunRecord record;
  oracle::Violations violations;
  oracle::CoverageMarks marks;

  bool failed() const { return !run.passed() || !violations.empty(); }
  // Its process died (kCrashed, kHung): it crossed from a child and has no trace or record.
  bool died() const {
    return run.outcome == sim::Outcome::kCrashed || run.outcome == sim::Outcome::kHung;
  }
  // The broken invariant: the simulator's finding, else the oracle's first violation.
  std::optional<oracle::Invariant> broken() const;
  // Its name ("" when the case passed).
  std::string invariant() const;
  // Every invariant the run broke, each once, in the order found.
  std::vector<oracle::Invariant> all_broken() const;
  // One sentence: what went wrong ("" when the case passed).
  std::string headline() const;
  // Whether the run broke the invariant of that name (anywhere in all_broken()), and the
  // sentence that says how ("" when it did not).
  bool breaks(std::string_view invariant) const;
  std::string headline_of(std::string_view invariant) const;
};

class CaseRunner {
 public:
  CaseRunner();
  ~CaseRunner();
  CaseRunner(const CaseRunner&) = delete;
  CaseRunner& operator=(const CaseRunner&) = delete;

  CaseResult run(const LifecycleCase& lifecycle_case, const CaseOptions& options = {});
  // Runs the case's scenario and seed under `strategy` instead of the case's own
  // (an exhaustive explorer's walk, say).
  CaseResult run_with(const LifecycleCase& lifecycle_case, sim::Strategy& strategy,
                      const CaseOptions& options = {});

 private:
  CaseResult run_here(const LifecycleCase& lifecycle_case, sim::Strategy& strategy,
                      const CaseOptions& options);
  CaseResult run_in_child(const LifecycleCase& lifecycle_case, sim::Strategy& strategy,
                          const CaseOptions& options);

  sim::Simulator simulator_;
  // A step beacon in memory shared with the children that run isolated cases.
  sandbox::Shared<std::atomic<std::uint64_t>> shared_beacon_;
};

// What a run whose process died shows: kHung when the watchdog killed it, else kCrashed,
// with how it died (and what it last said on stderr) and how far it got (the step of its
// last scheduling point).
sim::RunResult run_that_died(const sandbox::Ending& ending, std::uint64_t steps,
                             const std::string& strategy, std::uint64_t seed);

// The choice list that makes a generated case follow the same scheduling as
// a recorded run (its fault decisions come back from the same seed).
std::vector<std::uint32_t> choices_of(const sim::Schedule& schedule);

// The same case with its recorded schedule as a generated choice list.
LifecycleCase as_generated(const LifecycleCase& lifecycle_case, const sim::Schedule& schedule);

}  // namespace aion::lifecycle
