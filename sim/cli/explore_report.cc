#include "sim/cli/explore_report.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "sim/cli/campaign_plan.h"
#include "sim/cli/distinct_hashes.h"
#include "sim/cli/user_files.h"
#include "sim/engine/strategy_registry.h"
#include "sim/lifecycle/program_runs.h"
#include "sim/report/number_text.h"

namespace aion::cli {
namespace {

const char* stop_reason_name(StopReason reason) {
  switch (reason) {
    case StopReason::kRuns:
      return "runs";
    case StopReason::kTime:
      return "time";
    case StopReason::kExhausted:
      return "exhausted";
    case StopReason::kInterrupted:
      return "interrupted";
  }
  return "unknown";
}

std::string stop_sentence(const ExploreReport& report) {
  switch (report.stats.stopped) {
    case StopReason::kRuns:
      return "";
    case StopReason::kTime:
      return " (time budget)";
    case StopReason::kExhausted:
      return " (every schedule within the strategy's bound)";
    case StopReason::kInterrupted:
      return report.interrupted_by.empty() ? " (interrupted)"
                                           : " (interrupted by " + report.interrupted_by + ")";
  }
  return "";
}

// Its scenarios were each run until the strategy covered them.
std::optional<sim::StrategySpec> spec_of(const ExploreReport& report) {
  const auto parsed = sim::parse_strategy(report.strategy);
  const auto* spec = std::get_if<sim::StrategySpec>(&parsed);
  return spec == nullptr ? std::nullopt : std::optional<sim::StrategySpec>(*spec);
}

bool systematic(const ExploreReport& report) {
  const auto spec = spec_of(report);
  return spec && spec->systematic();
}

std::string counted(std::uint64_t count, const std::string& noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

// What a covered scenario's walk showed: every class, when the strategy runs each once.
std::string covered_text(const ExploreReport& report) {
  const CampaignStats& stats = report.stats;
  const auto spec = spec_of(report);
  if (spec && spec->kind->runs_each_class && stats.scenarios == 1 && stats.scenarios_covered == 1 &&
      stats.classes_exact) {
    return "every class covered" +
           std::string(spec->has(0) ? " within the bound of " + report.strategy : "") + ": " +
           std::to_string(stats.distinct_classes) +
           (stats.distinct_classes == 1 ? " class" : " classes") + " in " +
           counted(stats.runs, "run") + "\n";
  }
  return std::to_string(stats.scenarios_covered) + " of " + std::to_string(stats.scenarios) +
         " scenarios, every schedule " + report.strategy + " allows\n";
}

// Words joined by spaces, wrapped to the summary's width under `indent`.
std::string wrapped(const std::vector<std::string>& words, const std::string& indent) {
  std::string text, line;
  for (const std::string& word : words) {
    if (!line.empty() && indent.size() + line.size() + 1 + word.size() > 100) {
      text += indent + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  return line.empty() ? text : text + indent + line + "\n";
}

// "k of 10 marks reached", the marks never reached, then the others' counts.
std::string coverage_text(const oracle::CoverageMarks& marks) {
  std::vector<std::string> missing = {"never", "reached:"};
  std::vector<std::string> reached;
  for (std::size_t i = 0; i < oracle::kMarkCount; ++i) {
    const std::string name = oracle::mark_name(static_cast<oracle::Mark>(i));
    if (marks.counts[i] == 0) {
      missing.push_back(name);
    } else {
      reached.push_back(name + "=" + std::to_string(marks.counts[i]));
    }
  }
  const std::string indent(17, ' ');
  return "  coverage:      " + std::to_string(reached.size()) + " of " +
         std::to_string(oracle::kMarkCount) + " marks reached\n" +
         (missing.size() > 2 ? wrapped(missing, indent) : "") + wrapped(reached, indent);
}

// A figure with `decimals` digits after the point, as a number the JSON prints shortly.
double rounded(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::isfinite(value) ? std::round(value * scale) / scale : 0.0;
}

double per_second(std::uint64_t count, double seconds) {
  return seconds > 0 ? static_cast<double>(count) / seconds : 0.0;
}

std::string shard_text(const ExploreReport& report) {
  if (report.shard_count == 1) return "";
  const std::string count = std::to_string(report.shard_count);
  if (report.shard_parts.size() == 1) {
    return ", shard " + std::to_string(report.shard_parts.front()) + "/" + count;
  }
  std::string parts;
  for (const std::uint64_t part : report.shard_parts) {
    parts += (parts.empty() ? "" : ",") + std::to_string(part);
  }
  return ", shards " + parts + " of " + count;
}

nlohmann::ordered_json shard_json(const ExploreReport& report) {
  nlohmann::ordered_json shard;
  if (report.shard_parts.size() == 1) shard["index"] = report.shard_parts.front();
  shard["count"] = report.shard_count;
  if (report.shard_parts.size() != 1) shard["parts"] = report.shard_parts;
  return shard;
}

}  // namespace

nlohmann::ordered_json failures_json(const std::vector<SavedFailure>& failures) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const SavedFailure& saved : failures) {
    list.push_back({{"invariant", saved.finding.invariant},
                    {"headline", saved.finding.headline},
                    {"run", saved.finding.run},
                    {"file", saved.path},
                    {"shrunk", saved.shrunk},
                    {"operations", saved.finding.lifecycle_case.scenario.operation_count()},
                    {"operations_before", saved.operations_before},
                    {"replay", replay_invocation(saved.path)}});
  }
  return list;
}

std::string replay_invocation(const std::string& path) {
  return aionsim_command() + " replay " + path;
}

std::string summary_text(const ExploreReport& report) {
  const CampaignStats& stats = report.stats;
  std::string text =
      "explore: " + counted(stats.runs, "run") + " in " + report::fixed(stats.seconds, 1) + " s" +
      stop_sentence(report) + ", " + report::short_count(per_second(stats.runs, stats.seconds)) +
      " runs/s, " + report::short_count(per_second(stats.decisions, stats.seconds)) +
      " decisions/s, " + std::to_string(report.jobs) + (report.jobs == 1 ? " job\n" : " jobs\n");
  if (!report.merged_from.empty()) {
    text += "  merged from:   " + counted(report.merged_from.size(), "folder") + ": " +
            wrapped(report.merged_from, std::string(17, ' ')).substr(17);
  }
  text += "  scenarios:     " + report.scenario_source + ", strategy " + report.strategy +
          ", seed " + std::to_string(report.seed) + shard_text(report) + "\n";
  if (!report.calibrated_from.empty()) {
    text += "  calibrated:    " + report.calibrated_from + " became " + report.strategy +
            " from one run of each of the first " + std::to_string(lifecycle::kCalibrationRuns) +
            " scenarios\n";
  }
  if (report.defects.any()) {
    text += "  runtime:       defects " + report.defects.describe() + " switched on\n";
  }
  if (systematic(report)) {
    text += "  covered:       " + covered_text(report);
    if (!stats.search_warning.empty()) {
      text += "  warning:       a scenario did not repeat itself: " + stats.search_warning + "\n";
    }
  }
  text += "  classes:       " + std::string(stats.classes_exact ? "" : "about ") +
          std::to_string(stats.distinct_classes) +
          " distinct (runs that differ only in the order of independent events are one" +
          (stats.classes_exact
               ? ")\n"
               : "; an estimate past " + std::to_string(DistinctHashes::kExactLimit) + ", +-" +
                     report::fixed(100 * DistinctHashes::kEstimateError, 1) + " %)\n");
  if (stats.last_new_class_run != 0) {
    const std::uint64_t since = stats.runs - stats.last_new_class_run;
    text +=
        "                 the last new one at run " + std::to_string(stats.last_new_class_run) +
        " (" + report::fixed(stats.last_new_class_seconds, 1) + " s): " +
        (since == 0 ? std::string(systematic(report) && stats.scenarios_covered == stats.scenarios
                                      ? "the walk covered its space with it\n"
                                      : "classes were still coming at the end\n")
                    : "none new in the last " + counted(since, "run") +
                          (since * 2 >= stats.runs ? ", over half the campaign\n" : "\n"));
  }
  text += coverage_text(stats.marks);
  text += "  determinism:   " + counted(stats.determinism_checks, "run") + " run twice, " +
          (stats.runs_breaking[static_cast<std::size_t>(oracle::Invariant::kDeterministic)] == 0
               ? "each the same both times\n"
               : "some parted (see below)\n");
  if (report.failures.empty()) {
    text += "  failures:      none\n";
    return text;
  }
  text += "  failures:      " + counted(report.failures.size(), "broken invariant") + " in " +
          counted(stats.failing_runs, "failing run") + "\n";
  std::vector<std::string> broken = {"broken", "in", "all:"};
  for (const oracle::InvariantInfo& row : oracle::all_invariants()) {
    const std::uint64_t runs = stats.runs_breaking[static_cast<std::size_t>(row.invariant)];
    if (runs != 0) broken.push_back(std::string(row.name) + "=" + std::to_string(runs));
  }
  text += wrapped(broken, std::string(17, ' '));
  const bool by_scenario = systematic(report);
  for (const SavedFailure& saved : report.failures) {
    const Finding& finding = saved.finding;
    text += "    " + finding.invariant + (by_scenario ? " (scenario " : " (run ") +
            std::to_string(finding.run) + "): " + finding.headline + "\n";
    text += "      file:   " + saved.path;
    if (saved.shrunk) {
      text += " (shrunk from " + std::to_string(saved.operations_before) + " to " +
              std::to_string(finding.lifecycle_case.scenario.operation_count()) + " operations)";
    }
    text += "\n      replay: " + replay_invocation(saved.path) + "\n";
  }
  for (const SavedFailure& other : report.other_cases) {
    text += "    also " + other.finding.invariant + " (run " + std::to_string(other.finding.run) +
            "), another shrunk case: " + other.path + "\n";
  }
  return text;
}

std::string summary_json(const ExploreReport& report) {
  const CampaignStats& stats = report.stats;
  nlohmann::ordered_json json;
  json["command"] = "explore";
  json["scenarios"] = report.scenario_source;
  json["strategy"] = report.strategy;
  json["seed"] = report.seed;
  json["defects"] = report.defects.describe();
  json["shard"] = shard_json(report);
  json["stopped_by"] = report.running ? "running" : stop_reason_name(stats.stopped);
  if (!report.interrupted_by.empty()) json["signal"] = report.interrupted_by;
  json["runs"] = stats.runs;
  json["decisions"] = stats.decisions;
  json["distinct_classes"] = stats.distinct_classes;
  json["distinct_classes_exact"] = stats.classes_exact;
  if (stats.last_new_class_run != 0) {
    json["last_new_class"] = {{"run", stats.last_new_class_run},
                              {"runs_since", stats.runs - stats.last_new_class_run}};
  }
  if (!report.calibrated_from.empty()) json["calibrated_from"] = report.calibrated_from;
  if (systematic(report)) {
    json["systematic"] = {{"scenarios", stats.scenarios},
                          {"covered", stats.scenarios_covered},
                          {"warning", stats.search_warning}};
  }
  nlohmann::ordered_json marks = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < oracle::kMarkCount; ++i) {
    marks[oracle::mark_name(static_cast<oracle::Mark>(i))] = stats.marks.counts[i];
  }
  json["coverage"] = {{"reached", marks_reached(stats.marks)},
                      {"total", static_cast<std::uint64_t>(oracle::kMarkCount)},
                      {"marks", marks}};
  json["determinism_checks"] = stats.determinism_checks;
  json["failing_runs"] = stats.failing_runs;
  nlohmann::ordered_json broken = nlohmann::ordered_json::object();
  for (const oracle::InvariantInfo& row : oracle::all_invariants()) {
    const std::uint64_t runs = stats.runs_breaking[static_cast<std::size_t>(row.invariant)];
    if (runs != 0) broken[std::string(row.name)] = runs;
  }
  json["broken"] = broken;
  json["failures"] = failures_json(report.failures);
  if (!report.other_cases.empty()) json["other_cases"] = failures_json(report.other_cases);
  if (!report.merged_from.empty()) json["merged_from"] = report.merged_from;
  json["timing"] = {
      {"jobs", report.jobs},
      {"seconds", rounded(stats.seconds, 3)},
      {"runs_per_second", rounded(per_second(stats.runs, stats.seconds), 1)},
      {"decisions_per_second", rounded(per_second(stats.decisions, stats.seconds), 1)}};
  if (stats.last_new_class_run != 0) {
    json["timing"]["last_new_class_seconds"] = rounded(stats.last_new_class_seconds, 3);
  }
  // Invalid UTF-8 (a path, a sanitizer's words) is replaced, never a reason to throw.
  return json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace aion::cli
