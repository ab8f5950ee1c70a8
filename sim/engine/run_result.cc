#include "sim/engine/run_result.h"

#include "sim/engine/hex_text.h"

namespace aion::sim {

std::string_view outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::kPassed:
      return "passed";
    case Outcome::kDeadlock:
      return "deadlock";
    case Outcome::kStepBudgetExceeded:
      return "step budget exceeded";
    case Outcome::kLongRun:
      return "long run";
    case Outcome::kLivelock:
      return "livelock";
    case Outcome::kTimeBudgetExceeded:
      return "virtual time budget exceeded";
    case Outcome::kException:
      return "exception";
    case Outcome::kCheckFailed:
      return "check failed";
    case Outcome::kDivergence:
      return "replay divergence";
    case Outcome::kCrashed:
      return "crashed";
    case Outcome::kHung:
      return "hung";
  }
  return "unknown";
}

std::string summarize(const RunResult& result) {
  std::string text(outcome_name(result.outcome));
  if (!result.message.empty()) text += ": " + result.message;
  text += " [seed " + std::to_string(result.seed) + ", " + result.strategy + ", " +
          std::to_string(result.steps) + " steps, t=" + std::to_string(result.virtual_time) +
          "ns, hash " + hex64(result.trace_hash) + "]";
  return text;
}

}  // namespace aion::sim
