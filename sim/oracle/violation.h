// Violation: one broken invariant, said in one sentence that names pids and
// operations. The invariant's short name groups findings (and tells the
// regression corpus what a saved failure is expected to show).
#pragma once

#include <string>
#include <vector>

namespace aion::oracle {

struct Violation {
  std::string invariant;  // e.g. "exactly-once-callback"
  std::string sentence;
};

using Violations = std::vector<Violation>;

}  // namespace aion::oracle
