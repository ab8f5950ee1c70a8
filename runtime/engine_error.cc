#include "runtime/engine_error.h"

namespace aion::runtime {

const char* to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kNeverSpawned:
      return "never-spawned";
    case ErrorKind::kNotLive:
      return "not-live";
    case ErrorKind::kAlreadyMonitored:
      return "already-monitored";
    case ErrorKind::kOutcomeConsumed:
      return "outcome-consumed";
    case ErrorKind::kDeliveryRefused:
      return "delivery-refused";
    case ErrorKind::kDuplicateDelivery:
      return "duplicate-delivery";
    case ErrorKind::kShutDown:
      return "shut-down";
    case ErrorKind::kThreadStartFailed:
      return "thread-start-failed";
    case ErrorKind::kInvalidArgument:
      return "invalid-argument";
  }
  return "unknown";
}

std::ostream& operator<<(std::ostream& out, const EngineError& error) {
  return out << to_string(error.kind) << ": " << error.message;
}

}  // namespace aion::runtime
