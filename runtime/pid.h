// Process ids: 64-bit, handed out from 1 upwards by one runtime instance and
// never reused by it. 0 is never a pid.
#pragma once

#include <cstdint>

namespace aion::runtime {

using Pid = std::uint64_t;

inline constexpr Pid kNoPid = 0;

}  // namespace aion::runtime
