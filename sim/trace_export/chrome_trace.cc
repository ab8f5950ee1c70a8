#include "sim/trace_export/chrome_trace.h"

#include <map>
#include <nlohmann/json.hpp>
#include <string_view>

namespace aion::sim {
namespace {

using Json = nlohmann::ordered_json;

// Microseconds, to the nanosecond, or the step.
Json timestamp(const Event& event, ChromeTimeAxis axis) {
  if (axis == ChromeTimeAxis::kStep) return event.step;
  return static_cast<double>(event.time) / 1000.0;
}

}  // namespace

std::string to_chrome_trace_json(const Trace& trace, const std::vector<std::string>& names,
                                 ChromeTimeAxis axis) {
  std::map<std::uint32_t, std::string_view> lanes;
  for (const Event& event : trace) lanes.emplace(event.fiber, event.fiber_name);

  Json events = Json::array();
  for (const auto& [fiber, name] : lanes) {
    events.push_back({{"ph", "M"},
                      {"pid", 1},
                      {"tid", fiber},
                      {"name", "thread_name"},
                      {"args", {{"name", std::string(name)}}}});
  }
  const int duration = axis == ChromeTimeAxis::kStep ? 1 : 0;
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const Event& event = trace[i];
    std::string name(op_name(event.op));
    if (!event.object.empty()) name += " " + std::string(event.object);
    if (i < names.size() && !names[i].empty()) name = names[i];
    events.push_back({{"ph", "X"},
                      {"pid", 1},
                      {"tid", event.fiber},
                      {"ts", timestamp(event, axis)},
                      {"dur", duration},
                      {"name", name},
                      {"args",
                       {{"step", event.step},
                        {"virtual_time_ns", event.time},
                        {"subject", event.subject},
                        {"reason", std::string(switch_reason_name(event.reason))}}}});
  }
  const Json json = {{"displayTimeUnit", "ns"}, {"traceEvents", std::move(events)}};
  // Invalid UTF-8 in a name is replaced, never a reason to throw.
  return json.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace aion::sim
