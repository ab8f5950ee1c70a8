#include "sim/cli/json_writer.h"

#include <cmath>
#include <cstdio>

#include "sim/cli/number_text.h"

namespace aion::cli {

std::string json_quote(std::string_view text) {
  std::string quoted = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        quoted += "\\\"";
        break;
      case '\\':
        quoted += "\\\\";
        break;
      case '\n':
        quoted += "\\n";
        break;
      case '\t':
        quoted += "\\t";
        break;
      case '\r':
        quoted += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escape[8];
          std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(c));
          quoted += escape;
        } else {
          quoted += c;
        }
    }
  }
  return quoted + "\"";
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (frames_.empty()) return;
  if (frames_.back().members++ > 0) out_ += ",";
  out_ += "\n" + std::string(2 * frames_.size(), ' ');
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_ += "{";
  frames_.push_back({true, 0});
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_ += "[";
  frames_.push_back({false, 0});
  return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
  const bool had_members = frames_.back().members > 0;
  frames_.pop_back();
  if (had_members) out_ += "\n" + std::string(2 * frames_.size(), ' ');
  out_ += bracket;
  return *this;
}

JsonWriter& JsonWriter::end_object() { return close('}'); }
JsonWriter& JsonWriter::end_array() { return close(']'); }

JsonWriter& JsonWriter::key(std::string_view name) {
  before_value();
  out_ += json_quote(name) + ": ";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  before_value();
  out_ += json_quote(text);
  return *this;
}

JsonWriter& JsonWriter::value(std::uint64_t number) {
  before_value();
  out_ += std::to_string(number);
  return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
  before_value();
  out_ += flag ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::decimal(double number, int decimals) {
  before_value();
  out_ += std::isfinite(number) ? fixed(number, decimals) : "null";
  return *this;
}

}  // namespace aion::cli
