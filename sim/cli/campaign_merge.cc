#include "sim/cli/campaign_merge.h"

#include <algorithm>
#include <map>
#include <set>

#include "sim/cli/cli_error.h"
#include "sim/scenario/scenario_text.h"

namespace aion::cli {
namespace {

// That `other` is a part of the same campaign as `first`.
void check_same_campaign(const CampaignFolder& first, const CampaignFolder& other) {
  auto differ = [&](const std::string& what, const std::string& theirs, const std::string& ours) {
    throw UsageError(other.path + ": a campaign of " + what + " " + theirs + ", but " + first.path +
                     " is of " + what + " " + ours + " (merge joins the shards of one campaign)");
  };
  const ExploreReport& a = first.report;
  const ExploreReport& b = other.report;
  if (b.seed != a.seed) differ("seed", std::to_string(b.seed), std::to_string(a.seed));
  if (b.strategy != a.strategy) differ("strategy", b.strategy, a.strategy);
  if (b.scenario_source != a.scenario_source) {
    differ("scenarios", b.scenario_source, a.scenario_source);
  }
  if (b.defects != a.defects) {
    differ("defects", "'" + b.defects.describe() + "'", "'" + a.defects.describe() + "'");
  }
  if (b.shard_count != a.shard_count) {
    differ("shard count", std::to_string(b.shard_count), std::to_string(a.shard_count));
  }
}

StopReason merged_stop(const std::vector<CampaignFolder>& folders) {
  auto any = [&](StopReason reason) {
    return std::any_of(folders.begin(), folders.end(),
                       [&](const CampaignFolder& f) { return f.report.stats.stopped == reason; });
  };
  if (any(StopReason::kInterrupted)) return StopReason::kInterrupted;
  if (any(StopReason::kTime)) return StopReason::kTime;
  if (std::all_of(folders.begin(), folders.end(), [](const CampaignFolder& f) {
        return f.report.stats.stopped == StopReason::kExhausted;
      })) {
    return StopReason::kExhausted;
  }
  return StopReason::kRuns;
}

void add_counts(const CampaignStats& part, CampaignStats& whole) {
  whole.runs += part.runs;
  whole.decisions += part.decisions;
  whole.failing_runs += part.failing_runs;
  for (std::size_t i = 0; i < whole.runs_breaking.size(); ++i) {
    whole.runs_breaking[i] += part.runs_breaking[i];
  }
  whole.determinism_checks += part.determinism_checks;
  for (std::size_t i = 0; i < oracle::kMarkCount; ++i)
    whole.marks.counts[i] += part.marks.counts[i];
  whole.scenarios += part.scenarios;
  whole.scenarios_covered += part.scenarios_covered;
  if (whole.search_warning.empty()) whole.search_warning = part.search_warning;
  // Shards run side by side: the campaign took as long as its longest part.
  whole.seconds = std::max(whole.seconds, part.seconds);
}

// Of each invariant's findings, the earliest run's is the failure; the others are other cases
// unless their shrunk scenario is one already kept.
void merge_findings(const std::vector<CampaignFolder>& folders, ExploreReport& report) {
  std::vector<const SavedFailure*> all;
  for (const CampaignFolder& folder : folders) {
    for (const SavedFailure& saved : folder.report.failures) all.push_back(&saved);
    for (const SavedFailure& saved : folder.report.other_cases) all.push_back(&saved);
  }
  // Stable: findings of one run keep the order their campaign found them in.
  std::stable_sort(all.begin(), all.end(), [](const SavedFailure* a, const SavedFailure* b) {
    return a->finding.run < b->finding.run;
  });
  std::map<std::string, std::set<std::string>> kept_scenarios;  // by invariant
  for (const SavedFailure* saved : all) {
    std::set<std::string>& kept = kept_scenarios[saved->finding.invariant];
    const bool first = kept.empty();
    if (!kept.insert(scenario::render(saved->finding.lifecycle_case.scenario)).second) continue;
    (first ? report.failures : report.other_cases).push_back(*saved);
  }
}

}  // namespace

MergedCampaign merge_campaigns(const std::vector<CampaignFolder>& folders) {
  if (folders.empty()) throw UsageError("merge needs at least one folder");
  MergedCampaign merged;
  ExploreReport& report = merged.report;
  const CampaignFolder& first = folders.front();
  report.scenario_source = first.report.scenario_source;
  report.strategy = first.report.strategy;
  report.calibrated_from = first.report.calibrated_from;
  report.seed = first.report.seed;
  report.defects = first.report.defects;
  report.shard_count = first.report.shard_count;
  report.jobs = 0;
  std::map<std::uint64_t, std::string> parts;  // which folder covers each part
  for (const CampaignFolder& folder : folders) {
    check_same_campaign(first, folder);
    for (const std::uint64_t part : folder.report.shard_parts) {
      const auto [at, fresh] = parts.emplace(part, folder.path);
      if (!fresh) {
        throw UsageError(folder.path + " and " + at->second + " both cover shard " +
                         std::to_string(part) + " of " + std::to_string(report.shard_count));
      }
    }
    add_counts(folder.report.stats, report.stats);
    merged.classes.add(folder.classes);
    report.jobs += folder.report.jobs;
    if (report.interrupted_by.empty()) report.interrupted_by = folder.report.interrupted_by;
    report.merged_from.push_back(folder.path);
  }
  report.shard_parts.clear();
  for (const auto& [part, path] : parts) report.shard_parts.push_back(part);
  if (report.shard_parts.size() == report.shard_count) {
    report.shard_parts = {0};
    report.shard_count = 1;
  }
  report.stats.stopped = merged_stop(folders);
  report.stats.distinct_classes = merged.classes.size();
  report.stats.classes_exact = merged.classes.exact();
  merge_findings(folders, report);
  return merged;
}

}  // namespace aion::cli
