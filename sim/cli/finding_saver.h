// Keeps a campaign's findings on disk as the campaign goes, so that nothing it found is lost
// to a crash, a kill or a timeout: each distinct finding is written the moment the merge
// reaches it, then shrunk and written again in its shrunk form (the unshrunk file removed).
// Isolated, a shrink runs in a child process, and a finding whose process died is shrunk one
// child per candidate: a candidate that crashes or hangs costs that candidate, never the
// campaign. Every write is atomic (user_files.h).
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "sim/cli/campaign_plan.h"
#include "sim/cli/explore_report.h"
#include "sim/cli/finding.h"

namespace aion::cli {

struct SaveOptions {
  std::string out_dir;
  bool shrink = true;
  bool isolate = true;
  std::chrono::milliseconds watchdog{10'000};
};

class FindingSaver {
 public:
  FindingSaver(SaveOptions options, const CampaignPlan& plan);

  // Writes the finding, then (unless told not to, or interrupted) shrinks it and writes the
  // smaller case in its place; `written` hears each write, with saved() up to date.
  void save(const Finding& finding, const std::function<void()>& written = {});
  const std::vector<SavedFailure>& saved() const { return saved_; }

 private:
  void write(SavedFailure& failure) const;
  std::optional<Finding> shrunk(const Finding& finding);
  std::string budget_advice(const Finding& finding);

  SaveOptions options_;
  const CampaignPlan& plan_;
  std::vector<SavedFailure> saved_;
};

}  // namespace aion::cli
