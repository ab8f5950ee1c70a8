// Failed checks inside simulated code.
//
// Code running in a simulation (the main body or any thread it starts) calls sim::check, or
// throws CheckFailure itself, when an invariant is broken. The run then ends with
// Outcome::kCheckFailed naming the fiber and the message, instead of crashing the test.
// Other exceptions escaping a fiber end the run with Outcome::kException.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace aion::sim {

class CheckFailure : public std::runtime_error {
 public:
  explicit CheckFailure(const std::string& message) : std::runtime_error(message) {}
};

inline void check(bool condition, std::string_view message) {
  if (!condition) throw CheckFailure(std::string(message));
}

}  // namespace aion::sim
