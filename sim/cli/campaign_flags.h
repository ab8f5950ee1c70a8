// The flags that explore and fuzz share, read one way: the budget (--runs, --seconds; 60 s
// when neither is given), --jobs, --seed (a fresh one when not given), --shard, --defects and
// --max-steps. Each bad value is a UsageError naming its flag.
#pragma once

#include <chrono>

#include "sim/cli/campaign.h"
#include "sim/cli/campaign_plan.h"
#include "sim/cli/flags.h"

namespace aion::cli {

void read_campaign_flags(const CommandLine& line, Budget& budget, unsigned& jobs,
                         CampaignPlan& plan);

// --watchdog S: the wall-clock time one run may take before it is hung (default: the case
// runner's, 10 s). Read alike by explore, fuzz and replay.
std::chrono::milliseconds read_watchdog(const CommandLine& line);

}  // namespace aion::cli
