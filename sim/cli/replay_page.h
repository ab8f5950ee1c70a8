// The HTML page of a replay: the banner says the failure (red), a replay that
// did not show what its file expects or parted from it (amber), or a pass
// (green); the events the failure's sentence points at are highlighted.
#pragma once

#include "sim/cli/html_report.h"
#include "sim/cli/replay_run.h"
#include "sim/cli/replay_verdict.h"

namespace aion::cli {

HtmlReport replay_page(const Replay& replay, const Verdict& verdict);

}  // namespace aion::cli
