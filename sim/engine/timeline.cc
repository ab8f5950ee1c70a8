#include "sim/engine/timeline.h"

#include <cstdio>

namespace aion::sim {

namespace {

std::string head_of(const Event& event) {
  char head[96];
  std::snprintf(head, sizeof head, "#%-6llu t=%lld.%09llds [%u] ",
                static_cast<unsigned long long>(event.step),
                static_cast<long long>(event.time / platform::kSecond),
                static_cast<long long>(event.time % platform::kSecond), event.fiber);
  std::string line = head;
  line += event.fiber_name;
  if (line.size() < 48) line.resize(48, ' ');
  line += ' ';
  return line;
}

}  // namespace

std::string render_line(const Event& event, std::string_view text) {
  return head_of(event) + std::string(text);
}

std::string render_event(const Event& event) {
  std::string line = head_of(event);
  line += op_name(event.op);
  if (event.op == Op::kSwitch) {
    line += " from `" + event.object + "` (" + std::string(switch_reason_name(event.reason)) + ")";
    return line;
  }
  if (!event.object.empty()) line += " `" + event.object + "`";
  if (event.subject != 0) line += " subject=" + std::to_string(event.subject);
  return line;
}

std::string render_timeline(const Trace& trace) {
  std::string text;
  for (const Event& event : trace) {
    text += render_event(event);
    text += '\n';
  }
  return text;
}

}  // namespace aion::sim
