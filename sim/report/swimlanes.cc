#include "sim/report/swimlanes.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <utility>

#include "sim/engine/timeline.h"
#include "sim/report/html_text.h"
#include "sim/report/number_text.h"

namespace aion::report {
namespace {

constexpr double kLaneHeight = 34;
constexpr double kAxisHeight = 28;
constexpr double kMarkTop = 7;
constexpr double kMarkHeight = 20;
constexpr double kLabelWidth = 230;
constexpr double kPad = 10;
constexpr double kTargetWidth = 1000;
constexpr const char* kHighlight = "#d62728";

struct Style {
  sim::Op op;
  const char* colour;
  const char* label;
};

// Related operations share a hue: locks blue, waits orange, notifies green.
constexpr Style kStyles[] = {
    {sim::Op::kLock, "#4e79a7", "lock"},
    {sim::Op::kUnlock, "#a0cbe8", "unlock"},
    {sim::Op::kWait, "#f28e2b", "wait"},
    {sim::Op::kTimer, "#ffbe7d", "timer wake-up"},
    {sim::Op::kNotifyOne, "#59a14f", "notify one"},
    {sim::Op::kNotifyAll, "#8cd17d", "notify all"},
    {sim::Op::kStartThread, "#b07aa1", "start thread"},
    {sim::Op::kStartFailed, "#ff9da7", "thread start failed"},
    {sim::Op::kJoin, "#9c755f", "join"},
    {sim::Op::kSleep, "#76b7b2", "sleep"},
    {sim::Op::kNow, "#bab0ac", "read clock"},
    {sim::Op::kYield, "#edc948", "yield point"},
    {sim::Op::kFault, "#17becf", "injected fault"},
    {sim::Op::kFinish, "#79706e", "finish"},
    {sim::Op::kNote, "#222222", "scenario event (operation, lifecycle)"},
};

const char* colour_of(sim::Op op) {
  for (const Style& style : kStyles) {
    if (style.op == op) return style.colour;
  }
  return "#cccccc";
}

std::string number(double value) { return fixed(value, 1); }

std::string rect(double x, double y, double width, double height, const std::string& attributes,
                 const std::string& title) {
  return "<rect x=\"" + number(x) + "\" y=\"" + number(y) + "\" width=\"" + number(width) +
         "\" height=\"" + number(height) + "\" " + attributes + "><title>" + html_escape(title) +
         "</title></rect>\n";
}

// Step distance between labelled ticks: 1, 2, 5, 10, 20, 50, ... at least 60 px apart.
std::uint64_t tick_every(double scale) {
  for (std::uint64_t base = 1;; base *= 10) {
    for (const std::uint64_t factor : {1, 2, 5}) {
      if (static_cast<double>(base * factor) * scale >= 60) return base * factor;
    }
  }
}

struct Stretch {
  std::uint32_t fiber;
  std::uint64_t from;
  std::uint64_t to;
  std::string how;  // why it got the CPU
};

// Who held the CPU from switch to switch; main runs first.
std::vector<Stretch> stretches_of(const sim::Trace& trace) {
  std::vector<Stretch> stretches;
  Stretch current{0, 0, 0, "the first fiber to run"};
  for (const sim::Event& event : trace) {
    if (event.op != sim::Op::kSwitch) continue;
    current.to = event.step;
    stretches.push_back(current);
    current = {event.fiber, event.step, event.step,
               "switched in from `" + event.object + "` (" +
                   std::string(sim::switch_reason_name(event.reason)) + ")"};
  }
  current.to = trace.empty() ? 0 : trace.back().step;
  stretches.push_back(current);
  return stretches;
}

}  // namespace

std::string render_swimlanes(const sim::Trace& trace, const std::vector<bool>& highlighted,
                             std::size_t first_event, const std::vector<std::string>& lines) {
  if (first_event >= trace.size()) return "<p>The run recorded no events.</p>\n";
  std::map<std::uint32_t, std::string> names;
  for (const sim::Event& event : trace) names.emplace(event.fiber, event.fiber_name);
  std::map<std::uint32_t, std::size_t> lane_of;
  for (const auto& [fiber, name] : names) lane_of.emplace(fiber, lane_of.size());

  const std::uint64_t first_step = trace[first_event].step;
  const std::uint64_t last_step = trace.back().step;
  const double span = static_cast<double>(last_step - first_step + 1);
  const double scale = std::clamp(kTargetWidth / span, 3.0, 14.0);
  auto x_of = [&](std::uint64_t step) {
    return kPad + static_cast<double>(step - first_step) * scale;
  };
  auto lane_top = [&](std::uint32_t fiber) {
    return kAxisHeight + static_cast<double>(lane_of[fiber]) * kLaneHeight;
  };
  const double width = x_of(last_step + 1) + kPad;
  const double height = kAxisHeight + static_cast<double>(names.size()) * kLaneHeight;

  std::string lanes;
  for (const auto& [fiber, lane] : lane_of) {
    const double top = lane_top(fiber);
    lanes += "<rect x=\"0\" y=\"" + number(top) + "\" width=\"" + number(width) + "\" height=\"" +
             number(kLaneHeight) + "\" class=\"lane" + (lane % 2 ? " odd" : "") + "\"/>\n";
  }

  std::string axis;
  const std::uint64_t every = tick_every(scale);
  for (std::uint64_t step = (first_step + every - 1) / every * every; step <= last_step;
       step += every) {
    const double x = x_of(step);
    axis += "<line x1=\"" + number(x) + "\" y1=\"" + number(kAxisHeight - 6) + "\" x2=\"" +
            number(x) + "\" y2=\"" + number(height) + "\" class=\"grid\"/>\n";
    axis += "<text x=\"" + number(x) + "\" y=\"" + number(kAxisHeight - 10) + "\" class=\"tick\">" +
            std::to_string(step) + "</text>\n";
  }

  // A stretch's own events are the steps after its switch, up to and
  // including the step of the next switch (where it blocked or was preempted).
  std::string bands;
  for (const Stretch& stretch : stretches_of(trace)) {
    if (stretch.to < first_step || stretch.to == stretch.from) continue;
    const double x = x_of(std::max(stretch.from + 1, first_step));
    bands += rect(x, lane_top(stretch.fiber) + 2, x_of(stretch.to + 1) - x, kLaneHeight - 4,
                  "class=\"ran\"",
                  names[stretch.fiber] + " runs steps " + std::to_string(stretch.from + 1) + "-" +
                      std::to_string(stretch.to) + ": " + stretch.how);
  }

  // Marks: several events of one fiber at one step split the mark's height.
  std::map<std::pair<std::uint32_t, std::uint64_t>, std::vector<std::size_t>> at;
  for (std::size_t i = first_event; i < trace.size(); ++i) {
    if (trace[i].op != sim::Op::kSwitch) at[{trace[i].fiber, trace[i].step}].push_back(i);
  }
  std::string marks;
  std::string red_marks;  // drawn last, over their neighbours
  std::map<std::uint32_t, bool> lane_highlighted;
  const double mark_width = std::max(2.0, scale - 1);
  for (const auto& [where, indices] : at) {
    const double top = lane_top(where.first) + kMarkTop;
    const double slice = kMarkHeight / static_cast<double>(indices.size());
    for (std::size_t k = 0; k < indices.size(); ++k) {
      const sim::Event& event = trace[indices[k]];
      const std::string title = indices[k] < lines.size() && !lines[indices[k]].empty()
                                    ? lines[indices[k]]
                                    : render_event(event);
      if (indices[k] < highlighted.size() && highlighted[indices[k]]) {
        lane_highlighted[event.fiber] = true;
        red_marks += rect(x_of(event.step) - 1, lane_top(event.fiber) + 1, mark_width + 2,
                          kLaneHeight - 2, "class=\"failure\"", "failure: " + title);
      } else {
        marks += rect(x_of(event.step), top + slice * static_cast<double>(k), mark_width, slice,
                      std::string("fill=\"") + colour_of(event.op) + "\"", title);
      }
    }
  }

  std::string labels;
  for (const auto& [fiber, name] : names) {
    const double top = lane_top(fiber);
    const std::string text = "[" + std::to_string(fiber) + "] " + name;
    const std::string shown = text.size() > 30 ? text.substr(0, 29) + "\u2026" : text;
    labels += "<rect x=\"0\" y=\"" + number(top) + "\" width=\"" + number(kLabelWidth) +
              "\" height=\"" + number(kLaneHeight) + "\" class=\"lane" +
              (lane_of[fiber] % 2 ? " odd" : "") + "\"/>\n";
    labels += "<text x=\"8\" y=\"" + number(top + kLaneHeight / 2 + 4) + "\" class=\"name" +
              (lane_highlighted[fiber] ? " failed" : "") + "\"><title>" + html_escape(text) +
              "</title>" + html_escape(shown) + "</text>\n";
  }

  const std::string view_height = number(height);
  // A chart wider than the page opens scrolled to its end, where a failure shows.
  const bool opens_at_end = width > kTargetWidth + 2 * kPad + 1;
  return "<div class=\"chart\">\n<svg class=\"labels\" width=\"" + number(kLabelWidth) +
         "\" height=\"" + view_height + "\" xmlns=\"http://www.w3.org/2000/svg\">\n" +
         "<text x=\"8\" y=\"" + number(kAxisHeight - 10) +
         "\" class=\"tick\">thread \\ step</text>\n" + labels + "</svg>\n<div class=\"scroll" +
         (opens_at_end ? " from-end" : "") + "\">\n<svg width=\"" + number(width) + "\" height=\"" +
         view_height + "\" xmlns=\"http://www.w3.org/2000/svg\">\n" + lanes + axis + bands + marks +
         red_marks + "</svg>\n</div>\n</div>\n";
}

std::string swimlane_legend() {
  std::string legend = "<div class=\"legend\">\n";
  for (const Style& style : kStyles) {
    legend += "<span><i style=\"background:" + std::string(style.colour) + "\"></i>" + style.label +
              "</span>\n";
  }
  legend += "<span><i class=\"ran\"></i>runs (holds the simulated CPU)</span>\n";
  legend += "<span><i style=\"background:" + std::string(kHighlight) +
            "\"></i>shows the failure</span>\n</div>\n";
  return legend;
}

}  // namespace aion::report
