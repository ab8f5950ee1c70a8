#include "sim/cli/fuzz_report.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "sim/report/number_text.h"

namespace aion::cli {
namespace {

std::string stopped_text(const FuzzReport& report) {
  if (report.running) return "running";
  switch (report.stats.stopped) {
    case StopReason::kRuns:
      return "its run budget";
    case StopReason::kTime:
      return "its time budget";
    case StopReason::kInterrupted:
      return report.interrupted_by.empty() ? "a stop request" : report.interrupted_by;
    case StopReason::kExhausted:
      break;
  }
  return "its budget";
}

}  // namespace

std::string fuzz_progress_line(const FuzzStats& stats) {
  const double seconds = std::max(stats.seconds, 1e-9);
  return report::short_count(static_cast<double>(stats.runs)) + " runs | " +
         report::short_count(static_cast<double>(stats.runs) / seconds) + " runs/s | corpus " +
         report::short_count(static_cast<double>(stats.corpus)) + " | " +
         report::short_count(static_cast<double>(stats.features)) + " features (+" +
         report::short_count(static_cast<double>(stats.new_in_last_minute)) +
         " in the last minute) | " + std::to_string(stats.findings.size()) +
         (stats.findings.size() == 1 ? " finding" : " findings");
}

std::string fuzz_summary_text(const FuzzReport& report) {
  const FuzzStats& s = report.stats;
  std::string text = std::string(report.guided ? "fuzz" : "fuzz (blind)") + ": " +
                     std::to_string(s.runs) + " runs in " + report::fixed(s.seconds, 1) +
                     " s, ended by " + stopped_text(report) + ", seed " +
                     std::to_string(report.seed) + ", " + std::to_string(report.jobs) +
                     (report.jobs == 1 ? " job\n" : " jobs\n");
  text += "  covered:  " + std::to_string(s.features) + " features (" +
          std::to_string(s.new_in_last_minute) + " new in the last minute), " +
          std::to_string(s.mutants) + " runs of mutants\n";
  if (report.guided) {
    text += "  corpus:   " + report.corpus_dir + ": " + std::to_string(s.corpus) + " cases (" +
            std::to_string(s.loaded) + " from earlier campaigns)\n";
  }
  if (report.failures.empty()) {
    text += "  findings: none (" + std::to_string(s.failing_runs) + " failing runs)\n";
  }
  for (const SavedFailure& saved : report.failures) {
    text += "  finding:  " + saved.finding.invariant + ": " + saved.finding.headline + "\n" +
            "      file:   " + saved.path + "\n      replay: " + replay_invocation(saved.path) +
            "\n";
  }
  return text;
}

std::string fuzz_summary_json(const FuzzReport& report) {
  const FuzzStats& s = report.stats;
  nlohmann::ordered_json json;
  json["command"] = "fuzz";
  json["guided"] = report.guided;
  json["running"] = report.running;
  json["stopped_by"] = stopped_text(report);
  json["seed"] = report.seed;
  json["jobs"] = report.jobs;
  json["corpus_dir"] = report.corpus_dir;
  json["runs"] = s.runs;
  json["seconds"] = s.seconds;
  json["features"] = s.features;
  json["new_in_last_minute"] = s.new_in_last_minute;
  json["corpus"] = s.corpus;
  json["loaded"] = s.loaded;
  json["mutants"] = s.mutants;
  json["failing_runs"] = s.failing_runs;
  json["failures"] = failures_json(report.failures);
  nlohmann::ordered_json curve = nlohmann::ordered_json::array();
  for (const FuzzPoint& p : s.curve) {
    curve.push_back({{"seconds", p.seconds},
                     {"runs", p.runs},
                     {"features", p.features},
                     {"findings", p.findings}});
  }
  json["curve"] = curve;
  return json.dump(2) + "\n";
}

}  // namespace aion::cli
