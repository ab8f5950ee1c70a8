// Reads a whole number that is all of `text`: no sign, no spaces, no trailing
// characters, no overflow. The one parser of the scripts and files the
// harness reads, so that they all refuse the same things.
#pragma once

#include <charconv>
#include <cstdint>
#include <string_view>

namespace aion::sim {

inline bool parse_whole_number(std::string_view text, std::uint64_t& value, int base = 10) {
  if (text.empty()) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  return error == std::errc() && end == text.data() + text.size();
}

}  // namespace aion::sim
