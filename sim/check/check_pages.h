// The pictures of a run of aion::sim::check: the self-contained HTML page (sim/report) with
// the verdict, the facts that replay it and a swimlane per thread, and the Chrome trace-event
// JSON that Perfetto opens. What the user asked for (CheckOptions::html, ::perfetto) is
// written; the lines returned say where, or why a page could not be written.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sim/engine/run_result.h"

namespace aion::sim {

struct CheckPages {
  std::string html;      // path of the HTML page to write; empty: none
  std::string perfetto;  // path of the trace JSON to write; empty: none
};

// `run` carries its trace; `facts` are label and value, shown in order under the banner.
std::vector<std::string> write_check_pages(
    const CheckPages& pages, const std::string& title, const RunResult& run,
    const std::vector<std::pair<std::string, std::string>>& facts);

}  // namespace aion::sim
