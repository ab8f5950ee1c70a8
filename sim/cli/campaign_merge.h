// Joins the reports of shards of one campaign (explore --shard I/N, each with its own --out)
// into the report of the campaign they are parts of. Counts add up; distinct classes are
// the union of the shards' trace hashes; of the findings of each broken invariant the one of the
// earliest run is the failure, as the campaign run whole would have reported it, and findings of
// the same invariant whose shrunk scenario differs from every other are kept as other cases (the
// same scenario twice is one finding). Reports of different campaigns (another seed, strategy,
// scenario source, defects or shard count) or of the same part twice are a UsageError.
#pragma once

#include <vector>

#include "sim/cli/summary_reader.h"

namespace aion::cli {

struct MergedCampaign {
  ExploreReport report;  // failure paths still in the folders read
  DistinctHashes classes;
};

MergedCampaign merge_campaigns(const std::vector<CampaignFolder>& folders);

}  // namespace aion::cli
