// Text rendering of a recorded trace: one event per line, names only (never addresses), so
// timelines of two runs can be compared with diff.
//
//   #12     t=0.010000000s [1] worker-1             lock `flag.mutex`
//   #12     t=0.010000000s [2] worker-2             switch from `worker-1` (preempted)
#pragma once

#include <string>
#include <string_view>

#include "sim/engine/trace.h"

namespace aion::sim {

std::string render_event(const Event& event);
// The same head (step, time, fiber), then `text` in place of the event's own words.
std::string render_line(const Event& event, std::string_view text);
std::string render_timeline(const Trace& trace);

}  // namespace aion::sim
