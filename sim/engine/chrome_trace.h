// Export of a recorded trace in the Chrome trace-event JSON format, which Perfetto
// (ui.perfetto.dev) and chrome://tracing open: one lane (tid) per simulated thread, named by a
// thread_name metadata event, one 1-unit slice per event.
//
// The time axis is either the step (default: every event visible, 1 us per step) or virtual
// time (events at the same instant stack up; ts in microseconds of virtual time).
#pragma once

#include <string>

#include "sim/engine/trace.h"

namespace aion::sim {

enum class ChromeTimeAxis { kStep, kVirtualTime };

std::string to_chrome_trace_json(const Trace& trace, ChromeTimeAxis axis = ChromeTimeAxis::kStep);

}  // namespace aion::sim
