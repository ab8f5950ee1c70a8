#include "sim/scenario/run_record.h"

namespace aion::scenario {

const char* event_name(EventKind kind) {
  switch (kind) {
    case EventKind::kExitPublished:
      return "exit-published";
    case EventKind::kLeftLiveTable:
      return "left-live-table";
    case EventKind::kCompletionRetained:
      return "completion-retained";
    case EventKind::kCompletionTaken:
      return "completion-taken";
    case EventKind::kCompletionsDrained:
      return "completions-drained";
    case EventKind::kHeapReleased:
      return "heap-released";
    case EventKind::kNifCleaned:
      return "nif-cleaned";
    case EventKind::kOutcomeTaken:
      return "outcome-taken";
    case EventKind::kTombstoneEvicted:
      return "tombstone-evicted";
    case EventKind::kCallback:
      return "callback";
    case EventKind::kQuiescent:
      return "quiescent";
  }
  return "unknown";
}

std::optional<std::uint32_t> RunRecord::thread_named(const std::string& name) const {
  for (std::size_t i = 0; i < threads.size(); ++i) {
    if (threads[i] == name) return static_cast<std::uint32_t>(i);
  }
  return std::nullopt;
}

}  // namespace aion::scenario
