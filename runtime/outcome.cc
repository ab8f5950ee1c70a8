#include "runtime/outcome.h"

namespace aion::runtime {

WorkflowProcessOutcome workflow_process_outcome(Pid pid, const ExitRecord& record,
                                                AtomTable& atoms) {
  const std::string who = "process " + std::to_string(pid);
  if (record.tag == ResultTag::kCrash) return Failed{who + " crashed", atoms.name(record.reason)};
  switch (record.reason) {
    case AtomTable::kNormal:
      if (record.tag == ResultTag::kError) {
        return Failed{who + " returned an error", record.value};
      }
      return Completed{record.value};
    case AtomTable::kCancelled:
      return Failed{who + " was cancelled", "cancelled"};
    case AtomTable::kShutdown:
      return Failed{who + " was stopped because the runtime shut down", "shutdown"};
    default:
      return Failed{who + " crashed", atoms.name(record.reason)};
  }
}

std::ostream& operator<<(std::ostream& out, const WorkflowProcessOutcome& outcome) {
  if (const auto* completed = std::get_if<Completed>(&outcome)) {
    return out << "Completed{" << completed->payload << "}";
  }
  const auto& failed = std::get<Failed>(outcome);
  return out << "Failed{" << failed.message << "; " << failed.details << "}";
}

}  // namespace aion::runtime
