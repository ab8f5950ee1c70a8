// A small JSON writer for aionsim's machine-readable output: objects, arrays,
// strings (escaped), integers, decimals and booleans, pretty-printed with two
// spaces. Calls must nest correctly (a key before each member of an object);
// the writer does not check.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aion::cli {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(std::uint64_t number);
  JsonWriter& value(bool flag);
  // A decimal with `decimals` digits after the point (null if not finite).
  JsonWriter& decimal(double number, int decimals);

  // The document, with a final newline.
  std::string text() const { return out_ + "\n"; }

 private:
  struct Frame {
    bool object;
    std::size_t members;
  };

  void before_value();
  JsonWriter& close(char bracket);

  std::string out_;
  std::vector<Frame> frames_;
  bool after_key_ = false;
};

std::string json_quote(std::string_view text);

}  // namespace aion::cli
