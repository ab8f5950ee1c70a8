// The lifecycle oracle: judges one scenario run against the invariants of
// ../shared/spec/runtime.md, from its RunRecord alone:
// - every accepted monitor's callback runs exactly once, a refused one never;
// - the reported outcome is the one the process had, and that outcome is one
//   its program could have had given what the run did to it;
// - heaps, NIF state and completions are released after the exit was
//   published and before the callback, never twice, and nothing is retained
//   for a pid after its exit was published;
// - no monitor is still waiting at quiescence for a process that exited (a
//   lost wake-up), and after shutdown the runtime holds nothing;
// - progress: a cancel that returned ok took effect before it returned, and at
//   quiescence every process whose program could only finish has exited;
// - a monitor that claimed the exit before shutdown began reports the outcome;
// - a monitor whose thread could not start is undone before the call returns:
//   the process exited and, unless a monitor owns it, its cleanup was claimed;
// - the operations' results are explained by some sequential order of them
//   against a model of the lifecycle (see linearizability.h).
// Findings of the simulator itself (deadlock, livelock, exceptions) are not
// its business: the caller reports those.
#pragma once

#include "sim/oracle/violation.h"
#include "sim/scenario/run_record.h"
#include "sim/scenario/scenario.h"

namespace aion::oracle {

Violations judge(const scenario::Scenario& scenario, const scenario::RunRecord& record);

}  // namespace aion::oracle
