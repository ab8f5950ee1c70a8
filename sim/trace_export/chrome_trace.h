// Export of a recorded trace in the Chrome trace-event JSON format, which Perfetto
// (ui.perfetto.dev) and chrome://tracing open: one lane (tid) per simulated thread, named by a
// thread_name metadata event, one slice per event, its step, virtual time and subject as
// arguments.
//
// The time axis is virtual time by default (ts in microseconds, to the nanosecond; events at
// one instant stack up), or the step (every event visible, 1 us per step). `names`, when given,
// has one entry per event: a non-empty one names the event instead of its operation (the
// scenario layer tells its notes as what they were).
#pragma once

#include <string>
#include <vector>

#include "sim/engine/trace.h"

namespace aion::sim {

enum class ChromeTimeAxis { kStep, kVirtualTime };

std::string to_chrome_trace_json(const Trace& trace, const std::vector<std::string>& names = {},
                                 ChromeTimeAxis axis = ChromeTimeAxis::kVirtualTime);

}  // namespace aion::sim
