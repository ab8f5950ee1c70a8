// The linearizability check: can the operations' results be explained by one
// sequential order of them, against a simple model of the lifecycle?
//
// Each operation may take effect at any instant between its invocation and
// its return. The runtime's own transitions that the run observed (exits
// published, outcomes taken, completions taken or drained) are fixed instants
// in the same order. The model: a pid is spawned, exited, monitored, and its
// outcome consumed; retained correlations per pid; the runtime shut down or
// not. It answers each operation as the contract says it must, checking
// shutdown first, then never-spawned, then the pid's state. A failed monitor
// thread start is always a possible answer where acceptance is. A churn is
// not one step but many spawns; its pids count as spawned from the start.
// Queries are judged too: is_live answers whether the pid is in the live
// table (from its spawn until it left), recent_exit what the tombstones keep
// (the last `tombstones` exits, each with its outcome).
#pragma once

#include <optional>

#include "sim/oracle/run_view.h"
#include "sim/oracle/violation.h"

namespace aion::oracle {

// Nothing when some order explains every result; otherwise a violation that
// says so, names the operation the longest explained order could not place,
// and points at the operations that no order placed there.
std::optional<Violation> explain_sequentially(const RunView& run);

}  // namespace aion::oracle
