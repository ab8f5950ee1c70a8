// What the scheduler's files share and nothing else needs: the cancellation a torn-down fiber
// unwinds with, the way names are quoted in messages, and the end of a broken invariant of
// the engine itself.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace aion::sim::detail {

// Thrown into a fiber that is torn down so that it unwinds. Deliberately not a std::exception:
// handlers for std::exception in simulated code let it pass.
struct FiberCancelled {};

[[noreturn]] inline void internal_error(const char* what) {
  std::fprintf(stderr, "aion simulator internal error: %s\n", what);
  std::abort();
}

inline std::string quoted(std::string_view name) { return "`" + std::string(name) + "`"; }

}  // namespace aion::sim::detail
