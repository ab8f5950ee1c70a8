// What aionsim's exit status means, and the error that ends a command on bad
// input. Every check of the user's input throws UsageError with one line that
// says what is wrong; main prints it as `aionsim: <line>` and exits with
// kExitBadInput, so no bad input reaches the simulator or crashes.
#pragma once

#include <stdexcept>
#include <string>

namespace aion::cli {

inline constexpr int kExitOk = 0;
// Something failed: a campaign found a failure, or a replay did not show
// what its file records.
inline constexpr int kExitFailed = 1;
inline constexpr int kExitBadInput = 2;

class UsageError : public std::runtime_error {
 public:
  explicit UsageError(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace aion::cli
