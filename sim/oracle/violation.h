// Violation: one broken invariant, said in one sentence that names pids and
// operations, with the record's entries it is about (the sequence numbers of
// the ops' invocations and of the events), so that a timeline can point at them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/oracle/invariants.h"

namespace aion::oracle {

struct Violation {
  Invariant invariant;
  std::string sentence;
  std::vector<std::uint64_t> seqs;
};

using Violations = std::vector<Violation>;

}  // namespace aion::oracle
