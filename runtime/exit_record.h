// ExitRecord: how a process exited, as the scheduler publishes it. The reason
// is an atom ('normal' for a process that returned); a process that returned
// also has a result term, {ok, Value} or {error, Reason}. A crash is tagged as
// such, so that a VM error whose text happens to read 'normal' is still a crash.
#pragma once

#include <string>

#include "runtime/atom_table.h"

namespace aion::runtime {

enum class ResultTag { kNone, kOk, kError, kCrash };

struct ExitRecord {
  Atom reason = AtomTable::kNormal;
  ResultTag tag = ResultTag::kNone;
  std::string value;
};

}  // namespace aion::runtime
