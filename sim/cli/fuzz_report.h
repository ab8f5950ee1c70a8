// What `aionsim fuzz` prints and keeps in --out/fuzz-summary.json: the budget spent, the
// features and corpus reached (how much the campaign covered, so that "no failures" says
// something), the findings saved and how to replay each, and the campaign's curve.
#pragma once

#include <string>
#include <vector>

#include "sim/cli/explore_report.h"
#include "sim/cli/fuzz_campaign.h"

namespace aion::cli {

struct FuzzReport {
  std::string corpus_dir;
  std::uint64_t seed = 0;
  unsigned jobs = 1;
  bool guided = true;
  bool running = false;
  std::string interrupted_by;
  FuzzStats stats;
  std::vector<SavedFailure> failures;
};

// "412 runs | 1.2k runs/s | corpus 57 | 1.31k features (+40 in the last minute) | 0 findings"
std::string fuzz_progress_line(const FuzzStats& stats);
std::string fuzz_summary_text(const FuzzReport& report);
std::string fuzz_summary_json(const FuzzReport& report);

}  // namespace aion::cli
