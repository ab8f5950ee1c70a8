// WorkflowProcessOutcome: what a monitor reports about a process that exited.
// Completed carries the V of a normal exit with result {ok, V}; everything
// else (a returned {error, E}, a crash, a cancellation, a shutdown) is Failed,
// with a message for a person and the details of the cause.
#pragma once

#include <ostream>
#include <string>
#include <variant>

#include "runtime/atom_table.h"
#include "runtime/exit_record.h"
#include "runtime/pid.h"

namespace aion::runtime {

struct Completed {
  std::string payload;
  bool operator==(const Completed&) const = default;
};

struct Failed {
  std::string message;
  std::string details;
  bool operator==(const Failed&) const = default;
};

using WorkflowProcessOutcome = std::variant<Completed, Failed>;

// Converts a published exit into the outcome a monitor reports.
WorkflowProcessOutcome workflow_process_outcome(Pid pid, const ExitRecord& record,
                                                AtomTable& atoms);

std::ostream& operator<<(std::ostream& out, const WorkflowProcessOutcome& outcome);

}  // namespace aion::runtime
