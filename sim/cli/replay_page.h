// The HTML page of a replay: the banner says the failure (red), a replay that
// did not show what its file expects or parted from it (amber), or a pass
// (green); the events the failure points at are highlighted, the scenario's
// events are told in its words, and the events that matter are listed. With
// the `ops` filter the swimlanes show the scenario's events alone.
#pragma once

#include "sim/cli/replay_run.h"
#include "sim/cli/replay_verdict.h"
#include "sim/lifecycle/case_timeline.h"
#include "sim/report/html_report.h"

namespace aion::cli {

report::HtmlReport replay_page(const Replay& replay, const Verdict& verdict,
                               lifecycle::TimelineFilter filter);

}  // namespace aion::cli
