// What a simulation run found, and how to reproduce it.
//
// A run always ends with a result, never with a crash of the harness: a bug in the code under
// test is an outcome. Every result carries the trace hash (equal for equal runs in any process)
// and the schedule (replayable with ReplayStrategy); the full trace only if it was recorded.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "platform/platform.h"
#include "sim/engine/fault_plan.h"
#include "sim/engine/schedule.h"
#include "sim/engine/trace.h"

namespace aion::sim {

enum class Outcome {
  kPassed,              // every fiber finished
  kDeadlock,            // fibers blocked, none runnable, no timer pending
  kStepBudgetExceeded,  // more scheduling points than RunOptions::max_steps, progress unknown
  kLongRun,             // the step budget ran out while the run was still making progress
  kLivelock,            // fibers kept running, fairly scheduled, and none made progress
  kTimeBudgetExceeded,  // virtual time would pass RunOptions::max_virtual_time
  kException,           // an exception escaped a fiber
  kCheckFailed,         // a CheckFailure, or misuse of the platform by simulated code
  kDivergence,          // a strict replay no longer matched the run
  // Not the engine's findings: a run isolated in a child process (sim/sandbox) whose process
  // died (a signal, an abort, a sanitizer report, an exit), or that a watchdog stopped
  // because it went on without reaching a scheduling point.
  kCrashed,
  kHung,
};

std::string_view outcome_name(Outcome outcome);

struct RunResult {
  Outcome outcome = Outcome::kPassed;
  std::string message;   // for a person: what was found, naming fibers and objects
  std::string strategy;  // Strategy::describe() at the end of the run
  std::uint64_t seed = 0;
  Schedule schedule;
  std::uint64_t trace_hash = 0;
  // The run's equivalence class: runs that differ only in the order of independent events
  // have the same one (sim/engine/causal_hash.h).
  std::uint64_t class_hash = 0;
  Trace trace;  // empty unless RunOptions::record_trace
  std::uint64_t steps = 0;
  std::uint64_t notes = 0;  // Platform::note calls: the progress the run marked
  platform::Nanos virtual_time = 0;
  FaultCounts faults;
  // Fibers that did not finish their teardown within the bound (their stacks were reclaimed
  // without unwinding, so whatever they owned leaked).
  std::vector<std::string> abandoned;

  bool passed() const { return outcome == Outcome::kPassed; }
};

// One line: outcome, message, seed, strategy, steps, virtual time, hash.
std::string summarize(const RunResult& result);

}  // namespace aion::sim
