// Hashes as failure files, reports and names write them: 16 lower-case hex digits.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace aion::sim {

inline std::string hex64(std::uint64_t value) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
  return text;
}

}  // namespace aion::sim
