// The step budget a long run needs. A run that reached its budget while still
// making progress (a long run, not a livelock) is not wrong, only longer than
// the budget allowed: run it again with the budget doubled each time to learn
// how long it really is, and suggest a budget with room to spare.
#pragma once

#include <cstdint>
#include <optional>

#include "sim/lifecycle/case_runner.h"
#include "sim/lifecycle/lifecycle_case.h"

namespace aion::lifecycle {

// The scheduling points the case takes to finish, when it finishes within `ceiling`.
std::optional<std::uint64_t> steps_to_finish(CaseRunner& runner,
                                             const LifecycleCase& lifecycle_case,
                                             CaseOptions options, std::uint64_t ceiling);

// A budget for a run of `steps`: a quarter more, rounded up to two significant digits.
std::uint64_t suggested_budget(std::uint64_t steps);

}  // namespace aion::lifecycle
