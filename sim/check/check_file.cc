#include "sim/check/check_file.h"

#include <cstdio>
#include <sstream>

#include "sim/engine/hash.h"

namespace aion::sim {
namespace {

constexpr const char* kMagic = "aion-check 1";

std::string hex(std::uint64_t value) {
  char text[20];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
  return text;
}

std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

}  // namespace

std::string render_check_file(const CheckFile& file) {
  std::string body = std::string(kMagic) + "\n";
  body += "test " + one_line(file.test) + "\n";
  body += "build " + file.build + "\n";
  body += "strategy " + file.strategy + "\n";
  body += "seed " + std::to_string(file.seed) + "\n";
  body += "outcome " + file.outcome + "\n";
  body += "message " + one_line(file.message) + "\n";
  body += "trace-hash " + hex(file.trace_hash) + "\n";
  body += "schedule " + format_schedule(file.schedule) + "\n";
  return body + "end " + std::to_string(body.size()) + " " + hex(hash_text(body)) + "\n";
}

std::variant<CheckFile, std::string> parse_check_file(const std::string& text) {
  const auto end = text.rfind("\nend ");
  if (text.rfind(kMagic, 0) != 0) return "not an aion-check 1 file (its first line)";
  if (end == std::string::npos) return "cut short: no end line";
  const std::string body = text.substr(0, end + 1);
  std::istringstream tail(text.substr(end + 5));
  std::size_t size = 0;
  std::string sum;
  tail >> size >> sum;
  if (size != body.size() || sum != hex(hash_text(body))) {
    return "cut short or changed: its end line does not match what is before it";
  }
  CheckFile file;
  std::istringstream lines(body);
  std::string line;
  std::getline(lines, line);
  bool have_schedule = false;
  while (std::getline(lines, line)) {
    const auto space = line.find(' ');
    const std::string key = line.substr(0, space);
    const std::string value = space == std::string::npos ? "" : line.substr(space + 1);
    try {
      if (key == "test") {
        file.test = value;
      } else if (key == "build") {
        file.build = value;
      } else if (key == "strategy") {
        file.strategy = value;
      } else if (key == "seed") {
        file.seed = std::stoull(value);
      } else if (key == "outcome") {
        file.outcome = value;
      } else if (key == "message") {
        file.message = value;
      } else if (key == "trace-hash") {
        file.trace_hash = std::stoull(value, nullptr, 16);
      } else if (key == "schedule") {
        auto schedule = parse_schedule(value);
        if (!schedule) return "its schedule line is malformed";
        file.schedule = std::move(*schedule);
        have_schedule = true;
      } else {
        return "unknown line '" + key + "'";
      }
    } catch (const std::exception&) {
      return "line '" + key + "' has a malformed value";
    }
  }
  if (file.test.empty() || !have_schedule) return "it names no test or has no schedule";
  return file;
}

}  // namespace aion::sim
