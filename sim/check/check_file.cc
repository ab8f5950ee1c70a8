#include "sim/check/check_file.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "sim/engine/hash.h"
#include "sim/engine/hex_text.h"
#include "sim/engine/sealed_text.h"
#include "sim/engine/whole_number.h"

namespace aion::sim {
namespace {

constexpr const char* kMagic = "aion-check 2";
constexpr const char* kFirstLine = "aion-check ";

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
  body += "run " + std::to_string(file.run) + "\n";
  body += "outcome " + file.outcome + "\n";
  body += "message " + one_line(file.message) + "\n";
  body += "trace-hash " + hex64(file.trace_hash) + "\n";
  body += "schedule " + format_schedule(file.schedule) + "\n";
  return seal_text(body);
}

std::variant<CheckFile, std::string> parse_check_file(const std::string& text) {
  if (text.rfind(kFirstLine, 0) == 0 && text.rfind(std::string(kMagic) + "\n", 0) != 0) {
    return "an " + text.substr(0, text.find('\n')) +
           " file, a version this build does not read (it reads " + kMagic +
           "): find the failure again with this build";
  }
  if (text.rfind(kMagic, 0) != 0) return std::string("not an ") + kMagic + " file (its first line)";
  const auto sealed = unseal_text(text);
  if (const auto* why = std::get_if<std::string>(&sealed)) return *why;
  CheckFile file;
  std::istringstream lines{std::string(std::get<std::string_view>(sealed))};
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
        if (!parse_whole_number(value, file.seed)) throw std::invalid_argument(key);
      } else if (key == "run") {
        if (!parse_whole_number(value, file.run)) throw std::invalid_argument(key);
      } else if (key == "outcome") {
        file.outcome = value;
      } else if (key == "message") {
        file.message = value;
      } else if (key == "trace-hash") {
        if (!parse_whole_number(value, file.trace_hash, 16)) throw std::invalid_argument(key);
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

std::string this_build() {
  static const std::string build = [] {
    std::ifstream exe("/proc/self/exe", std::ios::binary);
    std::ostringstream bytes;
    bytes << exe.rdbuf();
    return std::string("aion-sim/1 exe:") + (exe ? hex64(hash_text(bytes.str())) : "unknown");
  }();
  return build;
}

CheckFile read_check_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument(path + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  auto parsed = parse_check_file(text.str());
  if (auto* why = std::get_if<std::string>(&parsed))
    throw std::invalid_argument(path + ": " + *why);
  return std::get<CheckFile>(std::move(parsed));
}

}  // namespace aion::sim
