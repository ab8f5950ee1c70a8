// Determinism of a case: the same case run twice must give the same trace and
// the same record. A hash and a digest compare two runs cheaply; when they
// differ, two traced runs say where the runs part, event by event, with both
// sides in the platform's and the scenario's words.
#pragma once

#include <cstdint>
#include <string>

#include "sim/lifecycle/case_runner.h"
#include "sim/lifecycle/lifecycle_case.h"
#include "sim/scenario/run_record.h"

namespace aion::lifecycle {

// Everything the record holds, as one 64-bit digest.
std::uint64_t record_digest(const scenario::RunRecord& record);

// Runs the case once more and compares it with `first` (a run of the same case
// and options): empty when they agree, else where they part.
std::string nondeterminism(CaseRunner& runner, const LifecycleCase& lifecycle_case,
                           const CaseOptions& options, const CaseResult& first);

}  // namespace aion::lifecycle
