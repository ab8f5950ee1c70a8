#include "sim/cli/summary_reader.h"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "sim/cli/cli_error.h"
#include "sim/cli/input_files.h"
#include "sim/cli/user_files.h"
#include "sim/engine/strategy_registry.h"

namespace aion::cli {
namespace {

using Json = nlohmann::json;

// A field that is there but not as explore writes it.
class BadField : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A count as explore writes it: a whole number, never a negative or a fraction cast to one.
std::uint64_t whole(const Json& value, const std::string& what) {
  if (!value.is_number_unsigned()) throw BadField(what + " is not a whole number");
  return value.get<std::uint64_t>();
}

std::uint64_t whole_at(const Json& json, const std::string& key) {
  return whole(json.at(key), "'" + key + "'");
}

StopReason stop_reason_of(const std::string& name, const std::string& where) {
  if (name == "runs") return StopReason::kRuns;
  if (name == "time") return StopReason::kTime;
  if (name == "exhausted") return StopReason::kExhausted;
  if (name == "interrupted") return StopReason::kInterrupted;
  throw UsageError(where + ": 'stopped_by' is '" + name + "', which explore never writes");
}

void read_marks(const Json& marks, oracle::CoverageMarks& into, const std::string& where) {
  for (const auto& [name, count] : marks.items()) {
    std::size_t i = 0;
    while (i < oracle::kMarkCount && name != oracle::mark_name(static_cast<oracle::Mark>(i))) ++i;
    if (i == oracle::kMarkCount) {
      throw UsageError(where + ": coverage mark '" + name + "' is not one this build knows");
    }
    into.counts[i] = whole(count, "coverage mark '" + name + "'");
  }
}

void read_broken(const Json& broken, CampaignStats& stats, const std::string& where) {
  for (const auto& [name, runs] : broken.items()) {
    const auto invariant = oracle::invariant_from_name(name);
    if (!invariant)
      throw UsageError(where + ": invariant '" + name + "' is not one this build knows");
    stats.runs_breaking[static_cast<std::size_t>(*invariant)] = whole(runs, "'" + name + "'");
  }
}

SavedFailure read_failure(const Json& entry, const std::string& folder) {
  SavedFailure saved;
  // By name in the folder read, wherever the campaign that wrote it ran.
  const std::string name =
      std::filesystem::path(entry.at("file").get<std::string>()).filename().string();
  saved.path = folder + "/" + name;
  saved.finding = finding_of_file(load_failure_file(saved.path));
  saved.finding.run = whole_at(entry, "run");
  saved.shrunk = entry.at("shrunk").get<bool>();
  saved.operations_before = whole_at(entry, "operations_before");
  const std::string invariant = entry.at("invariant").get<std::string>();
  if (saved.finding.invariant != invariant) {
    throw UsageError(saved.path + ": the file expects '" + saved.finding.invariant +
                     "', but the summary lists it for '" + invariant + "'");
  }
  return saved;
}

ExploreReport report_of(const Json& json, const std::string& folder, const std::string& where) {
  const std::string command = json.at("command").get<std::string>();
  if (command != "explore") {
    throw UsageError(where + ": a summary of '" + command + "', not of explore");
  }
  ExploreReport report;
  report.scenario_source = json.at("scenarios").get<std::string>();
  report.strategy = json.at("strategy").get<std::string>();
  if (const auto parsed = sim::parse_strategy(report.strategy);
      const auto* wrong = std::get_if<std::string>(&parsed)) {
    throw UsageError(where + ": " + *wrong);
  }
  if (json.contains("calibrated_from")) {
    report.calibrated_from = json.at("calibrated_from").get<std::string>();
  }
  report.seed = whole_at(json, "seed");
  const auto defects = runtime::RuntimeDefects::parse(json.at("defects").get<std::string>());
  if (!defects) throw UsageError(where + ": its defects are not ones this build knows");
  report.defects = *defects;
  const Json& shard = json.at("shard");
  report.shard_count = whole_at(shard, "count");
  report.shard_parts.clear();
  if (shard.contains("parts")) {
    if (!shard.at("parts").is_array()) throw BadField("'parts' is not a list");
    for (const Json& part : shard.at("parts")) report.shard_parts.push_back(whole(part, "a part"));
  } else {
    report.shard_parts.push_back(whole_at(shard, "index"));
  }
  if (report.shard_parts.empty()) throw BadField("its shard covers no part");
  for (const std::uint64_t part : report.shard_parts) {
    if (report.shard_count == 0 || part >= report.shard_count) {
      throw UsageError(where + ": shard " + std::to_string(part) + " of " +
                       std::to_string(report.shard_count) + " is no part of a whole");
    }
  }
  if (json.contains("merged_from")) {
    report.merged_from = json.at("merged_from").get<std::vector<std::string>>();
  }
  if (json.contains("signal")) report.interrupted_by = json.at("signal").get<std::string>();
  CampaignStats& stats = report.stats;
  const std::string stopped_by = json.at("stopped_by").get<std::string>();
  report.running = stopped_by == "running";
  if (!report.running) stats.stopped = stop_reason_of(stopped_by, where);
  stats.runs = whole_at(json, "runs");
  stats.decisions = whole_at(json, "decisions");
  stats.distinct_classes = whole_at(json, "distinct_classes");
  stats.classes_exact = json.at("distinct_classes_exact").get<bool>();
  if (report.running) {
    throw UsageError(where +
                     ": its campaign has not ended, or was killed before it could say "
                     "so: merge joins shards that ran to their end");
  }
  if (json.contains("systematic")) {
    const Json& systematic = json.at("systematic");
    stats.scenarios = whole_at(systematic, "scenarios");
    stats.scenarios_covered = whole_at(systematic, "covered");
    stats.search_warning = systematic.at("warning").get<std::string>();
  }
  read_marks(json.at("coverage").at("marks"), stats.marks, where);
  stats.determinism_checks = whole_at(json, "determinism_checks");
  stats.failing_runs = whole_at(json, "failing_runs");
  read_broken(json.at("broken"), stats, where);
  for (const Json& entry : json.at("failures"))
    report.failures.push_back(read_failure(entry, folder));
  if (json.contains("other_cases")) {
    for (const Json& entry : json.at("other_cases")) {
      report.other_cases.push_back(read_failure(entry, folder));
    }
  }
  const Json& timing = json.at("timing");
  const std::uint64_t jobs = whole_at(timing, "jobs");
  if (jobs > 1'000'000) throw BadField("'jobs' is out of range");
  report.jobs = static_cast<unsigned>(jobs);
  stats.seconds = timing.at("seconds").get<double>();
  return report;
}

}  // namespace

CampaignFolder read_campaign_folder(const std::string& path) {
  CampaignFolder folder;
  folder.path = resolve_user_path(path);
  std::error_code error;
  if (!std::filesystem::is_directory(folder.path, error)) {
    throw UsageError(path + ": not a folder (merge reads the --out folders of explore)" +
                     (error ? ": " + error.message() : std::string()));
  }
  const std::string summary_path = folder.path + "/" + kSummaryFileName;
  if (!std::filesystem::exists(summary_path, error)) {
    throw UsageError(summary_path + ": no such file (not a folder explore wrote?)");
  }
  try {
    const Json json = Json::parse(read_user_file(summary_path));
    folder.report = report_of(json, folder.path, summary_path);
  } catch (const Json::exception& error) {
    throw UsageError(summary_path + ": not a summary explore wrote: " + error.what());
  } catch (const BadField& error) {
    throw UsageError(summary_path + ": not a summary explore wrote: " + error.what());
  }
  const std::string hashes_path = folder.path + "/" + kClassesFileName;
  folder.classes = DistinctHashes::decode(read_user_file(hashes_path), hashes_path);
  if (folder.classes.size() != folder.report.stats.distinct_classes ||
      folder.classes.exact() != folder.report.stats.classes_exact) {
    throw UsageError(hashes_path + ": holds " + std::to_string(folder.classes.size()) +
                     " distinct classes, but its summary counts " +
                     std::to_string(folder.report.stats.distinct_classes) +
                     " (the campaign was killed between writing the two?)");
  }
  return folder;
}

}  // namespace aion::cli
