#include "sim/engine/sealed_text.h"

#include <cstdint>
#include <sstream>

#include "sim/engine/hex_text.h"
#include "sim/engine/whole_number.h"

namespace aion::sim {
namespace {

// FNV-1a: enough to tell a file that was cut or edited from the one written.
std::uint64_t checksum(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return hash;
}

}  // namespace

std::string seal_text(const std::string& body) {
  return body + "end " + std::to_string(body.size()) + " " + hex64(checksum(body)) + "\n";
}

std::variant<std::string_view, std::string> unseal_text(std::string_view text) {
  if (text.empty() || text.back() != '\n') {
    return std::string("the file is cut short: it does not end with its end line");
  }
  const auto start = text.rfind('\n', text.size() - 2);
  const std::size_t line_start = start == std::string_view::npos ? 0 : start + 1;
  const std::string_view line = text.substr(line_start, text.size() - 1 - line_start);
  std::istringstream words{std::string(line)};
  std::string key, bytes_text, sum_text, extra;
  words >> key >> bytes_text >> sum_text;
  std::uint64_t bytes = 0, sum = 0;
  if (key != "end" || (words >> extra) || !parse_whole_number(bytes_text, bytes) ||
      !parse_whole_number(sum_text, sum, 16)) {
    return std::string("the file is cut short: its last line is not 'end <bytes> <checksum>'");
  }
  const std::string_view body = text.substr(0, line_start);
  if (bytes != body.size() || sum != checksum(body)) {
    return "the file was cut or changed: its end line counts " + std::to_string(bytes) +
           " bytes with checksum " + sum_text + ", but " + std::to_string(body.size()) +
           " bytes with checksum " + hex64(checksum(body)) + " precede it";
  }
  return body;
}

}  // namespace aion::sim
