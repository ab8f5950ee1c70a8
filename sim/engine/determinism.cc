#include "sim/engine/determinism.h"

#include <algorithm>
#include <utility>

#include "sim/engine/timeline.h"

namespace aion::sim {

std::string first_trace_difference(const Trace& first, const Trace& second) {
  const std::size_t common = std::min(first.size(), second.size());
  for (std::size_t i = 0; i < common; ++i) {
    if (first[i] == second[i]) continue;
    return "event " + std::to_string(i) + " differs:\n  first run:  " + render_event(first[i]) +
           "\n  second run: " + render_event(second[i]);
  }
  if (first.size() == second.size()) return {};
  const bool first_longer = first.size() > second.size();
  const Event& extra = first_longer ? first[common] : second[common];
  return "the " + std::string(first_longer ? "second" : "first") + " run ends after " +
         std::to_string(common) + " events; the other goes on with:\n  " + render_event(extra);
}

DeterminismReport check_determinism(Simulator& simulator,
                                    const std::function<void(platform::Platform&)>& main_body,
                                    RunOptions options) {
  options.record_trace = true;
  DeterminismReport report;
  report.first = simulator.run(main_body, options);
  report.second = simulator.run(main_body, options);
  report.difference = first_trace_difference(report.first.trace, report.second.trace);
  if (report.difference.empty() && report.first.trace_hash != report.second.trace_hash) {
    report.difference = "equal events but different trace hashes";
  }
  report.deterministic = report.difference.empty();
  return report;
}

}  // namespace aion::sim
