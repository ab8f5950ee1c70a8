// The checkers, one per family of invariants (invariants.h), each in a file of
// its own: check_<family>.cc. Each adds what it finds to `out`; none trusts
// the code it judges, and each judges from the RunView alone.
#pragma once

#include "sim/oracle/run_view.h"
#include "sim/oracle/violation.h"

namespace aion::oracle {

void check_callbacks(const RunView& run, Violations& out);
void check_exit_and_outcome(const RunView& run, Violations& out);
void check_cleanup(const RunView& run, Violations& out);
void check_progress(const RunView& run, Violations& out);
void check_quiescence(const RunView& run, Violations& out);

}  // namespace aion::oracle
