// Shrinks a failing LifecycleCase to a smaller one that fails the same way
// (same broken invariant), greedily. First causally: each preemption is dropped
// when the run without it is the same class (it only reordered independent
// events, so it cannot matter); then fewer branches, fewer operations, a
// plainer configuration, a shorter choice list with smaller values (fewer
// preemptions). Works on generated cases; a seeded case is first turned into
// its choice list. Every candidate is a full deterministic run, so the result
// replays as it is.
#pragma once

#include <cstddef>
#include <string>

#include "sim/lifecycle/case_runner.h"
#include "sim/lifecycle/lifecycle_case.h"

namespace aion::lifecycle {

struct ShrinkResult {
  LifecycleCase smallest;
  CaseResult result;     // of `smallest`
  std::size_t runs = 0;  // candidate runs spent
};

// `failing` must fail; at most `max_runs` candidates are tried. Each candidate must break
// `invariant` (by default the one `failing` shows first), whatever else it breaks.
ShrinkResult shrink_case(CaseRunner& runner, const LifecycleCase& failing,
                         const CaseOptions& options, std::size_t max_runs = 2000,
                         const std::string& invariant = "");

// The causal step alone, on a generated case: each preemption its run makes is dropped (the
// choice made kStay) when the run stays the same class, so what is left are the preemptions
// that order dependent events. Returns the case as the choices its last run made.
LifecycleCase drop_independent_preemptions(CaseRunner& runner, const LifecycleCase& generated,
                                           const CaseOptions& options, std::size_t max_runs);

// Sizes a person compares: operations in the scenario, preemptions in the run.
std::size_t preemptions_of(const CaseResult& result);

}  // namespace aion::lifecycle
