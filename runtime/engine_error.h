// EngineError: every refusal the runtime makes. The kind is for code to act
// on; the message is for a person and always names the pid (or other input)
// and the reason. Nothing in the runtime aborts on a refusal.
#pragma once

#include <ostream>
#include <string>

namespace aion::runtime {

enum class ErrorKind {
  kNeverSpawned,       // the pid was never handed out by this runtime
  kNotLive,            // the operation needs a live process
  kAlreadyMonitored,   // the pid already has a monitor
  kOutcomeConsumed,    // an earlier monitor already reported this outcome
  kDeliveryRefused,    // a completion for a process that can no longer take it
  kDuplicateDelivery,  // that correlation is already waiting for the process
  kShutDown,           // the runtime is shut down
  kThreadStartFailed,  // a runtime thread could not be started
  kInvalidArgument,    // a malformed request
};

const char* to_string(ErrorKind kind);

struct EngineError {
  ErrorKind kind;
  std::string message;

  const std::string& what() const { return message; }
};

std::ostream& operator<<(std::ostream& out, const EngineError& error);

}  // namespace aion::runtime
