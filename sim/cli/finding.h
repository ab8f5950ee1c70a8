// A failing run and how it is kept: as a failure file whose `schedule` and
// `trace-hash` let replay re-run it exactly, whose `expect` line names the
// broken invariant, and whose case can be shrunk first. Findings are distinct
// by broken invariant, so explore names each file after its invariant and
// trace hash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "sim/engine/schedule.h"
#include "sim/lifecycle/case_runner.h"
#include "sim/lifecycle/failure_file.h"
#include "sim/lifecycle/lifecycle_case.h"

namespace aion::cli {

struct Finding {
  lifecycle::LifecycleCase lifecycle_case;
  std::string invariant;
  std::string headline;
  sim::Schedule schedule;
  std::uint64_t trace_hash = 0;
  std::uint64_t steps = 0;          // scheduling points the run took
  std::uint64_t run = 0;            // the run's index in its campaign (exhaustive: its scenario's)
  runtime::RuntimeDefects defects;  // switched on in the runtime that failed
};

// `result` must be a failing run of `lifecycle_case` that broke `invariant` (by default the
// invariant it broke first).
Finding finding_of(const lifecycle::LifecycleCase& lifecycle_case,
                   const lifecycle::CaseResult& result, const std::string& invariant = "");

// A smaller case that breaks the finding's invariant, or nothing when the case
// does not reproduce as a case (a schedule the exhaustive explorer found
// under faults: a generated choice list carries no faults). Candidates run
// with `options` (isolated ones, say) and the finding's defects.
std::optional<Finding> shrink_finding(lifecycle::CaseRunner& runner, const Finding& finding,
                                      std::size_t max_runs, lifecycle::CaseOptions options = {});

lifecycle::FailureFile failure_file_of(const Finding& finding);
// The finding a failure file keeps (its steps and run index are not in it).
Finding finding_of_file(const lifecycle::FailureFile& file);
// A finding whose run's process died ('crashed' or 'hung').
bool is_death(const Finding& finding);

// "<invariant>-<trace hash>.aionfail"
std::string failure_file_name(const Finding& finding);

}  // namespace aion::cli
