// The swimlane chart of a trace, as an HTML fragment of inline SVG: a lane per
// simulated thread (fiber, in creation order), scheduling steps left to
// right. Each event is a mark coloured by its operation, with its timeline
// line as tooltip; several events of one thread at one step share the mark's
// height. A pale band behind the marks shows when the thread held the
// (single, simulated) CPU, from switch to switch. Highlighted events are red and span
// the lane. Only events from `first_event` on are drawn; the lanes and who ran
// are worked out from the whole trace. `lines`, when it has an entry for an
// event, is that event's tooltip instead of its timeline line.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sim/engine/trace.h"

namespace aion::report {

std::string render_swimlanes(const sim::Trace& trace, const std::vector<bool>& highlighted,
                             std::size_t first_event, const std::vector<std::string>& lines = {});

// The legend of the marks' colours, as an HTML fragment.
std::string swimlane_legend();

}  // namespace aion::report
