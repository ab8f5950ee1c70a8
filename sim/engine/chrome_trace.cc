#include "sim/engine/chrome_trace.h"

#include <cstdio>
#include <map>
#include <string_view>

namespace aion::sim {
namespace {

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

std::string timestamp(const Event& event, ChromeTimeAxis axis) {
  if (axis == ChromeTimeAxis::kStep) return std::to_string(event.step);
  char text[32];
  std::snprintf(text, sizeof text, "%lld.%03lld", static_cast<long long>(event.time / 1000),
                static_cast<long long>(event.time % 1000));
  return text;
}

}  // namespace

std::string to_chrome_trace_json(const Trace& trace, const std::vector<std::string>& names,
                                 ChromeTimeAxis axis) {
  std::map<std::uint32_t, std::string_view> lanes;
  for (const Event& event : trace) lanes.emplace(event.fiber, event.fiber_name);

  std::string out = "{\"displayTimeUnit\":\"ns\",\"traceEvents\":[";
  bool first = true;
  const auto separate = [&] {
    if (!first) out += ',';
    first = false;
    out += '\n';
  };
  for (const auto& [fiber, name] : lanes) {
    separate();
    out += "{\"ph\":\"M\",\"pid\":1,\"tid\":" + std::to_string(fiber) +
           ",\"name\":\"thread_name\",\"args\":{\"name\":";
    append_json_string(out, name);
    out += "}}";
  }
  const char* duration = axis == ChromeTimeAxis::kStep ? "1" : "0";
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const Event& event = trace[i];
    separate();
    std::string name(op_name(event.op));
    if (!event.object.empty()) name += " " + event.object;
    if (i < names.size() && !names[i].empty()) name = names[i];
    out += "{\"ph\":\"X\",\"pid\":1,\"tid\":" + std::to_string(event.fiber) +
           ",\"ts\":" + timestamp(event, axis) + ",\"dur\":" + duration + ",\"name\":";
    append_json_string(out, name);
    out += ",\"args\":{\"step\":" + std::to_string(event.step) +
           ",\"virtual_time_ns\":" + std::to_string(event.time) +
           ",\"subject\":" + std::to_string(event.subject) + ",\"reason\":";
    append_json_string(out, switch_reason_name(event.reason));
    out += "}}";
  }
  out += "\n]}\n";
  return out;
}

}  // namespace aion::sim
