// Reads back a folder that explore (or merge) wrote: its summary.json as an ExploreReport, with
// each failure it lists loaded from its file in the folder, and its distinct trace hashes.
// A folder that is not such a folder, or whose summary, hashes or failure files are missing,
// cut short, of another version or at odds with each other, is a UsageError naming the file.
#pragma once

#include <string>

#include "sim/cli/distinct_hashes.h"
#include "sim/cli/explore_report.h"

namespace aion::cli {

inline constexpr const char* kSummaryFileName = "summary.json";
// The campaign's distinct trace hashes (DistinctHashes::encode), beside its summary.
inline constexpr const char* kClassesFileName = "classes.bin";

struct CampaignFolder {
  std::string path;
  ExploreReport report;
  DistinctHashes classes;
};

CampaignFolder read_campaign_folder(const std::string& path);

}  // namespace aion::cli
