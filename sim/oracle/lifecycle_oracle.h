// The lifecycle oracle: judges one scenario run against every rule of the
// contract (../shared/spec/runtime.md and runtime/runtime_handle.h), from its
// RunRecord alone. The rules are the invariants of invariants.h; each family
// has its checker (family_checks.h), and the operations' results are
// explained, when nothing else broke, by some sequential order of them
// against a model of the lifecycle (linearizability.h). Findings of the
// simulator itself (deadlock, livelock, exceptions) are not its business: the
// caller reports those.
#pragma once

#include "sim/oracle/violation.h"
#include "sim/scenario/run_record.h"
#include "sim/scenario/scenario.h"

namespace aion::oracle {

// In family order; within a family, in the order the checker found them. A
// record of a run the simulator stopped is judged as far as it goes.
Violations judge(const scenario::Scenario& scenario, const scenario::RunRecord& record);

}  // namespace aion::oracle
