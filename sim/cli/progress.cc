#include "sim/cli/progress.h"

#include <algorithm>
#include <utility>

#include "sim/report/number_text.h"

namespace aion::cli {
namespace {

constexpr double kLogInterval = 5.0;

}  // namespace

std::string progress_line(const CampaignStats& stats) {
  const double seconds = std::max(stats.seconds, 1e-9);
  return report::short_count(static_cast<double>(stats.runs)) + " runs | " +
         report::short_count(static_cast<double>(stats.runs) / seconds) + " runs/s | " +
         report::short_count(static_cast<double>(stats.decisions) / seconds) + " decisions/s | " +
         report::short_count(static_cast<double>(stats.distinct_classes)) + " classes (+" +
         report::short_count(stats.new_classes_per_second) + "/s) | marks " +
         std::to_string(marks_reached(stats.marks)) + "/" + std::to_string(oracle::kMarkCount) +
         " | " + std::to_string(stats.failing_runs) +
         (stats.failing_runs == 1 ? " failure" : " failures");
}

ProgressReporter::ProgressReporter(std::FILE* out, bool terminal, std::string command)
    : out_(out), terminal_(terminal), command_(std::move(command)), next_log_(kLogInterval) {}

void ProgressReporter::show(const std::string& line, double seconds) {
  if (terminal_) {
    // Pad over what the previous, longer line left on screen.
    const std::string text = "\r" + report::fixed(seconds, 0) + "s | " + line;
    std::fprintf(
        out_, "%s%s", text.c_str(),
        std::string(last_width_ > text.size() ? last_width_ - text.size() : 0, ' ').c_str());
    last_width_ = text.size();
    std::fflush(out_);
    return;
  }
  if (seconds < next_log_) return;
  next_log_ = seconds + kLogInterval;
  std::fprintf(out_, "aionsim %s: %ss: %s\n", command_.c_str(), report::fixed(seconds, 0).c_str(),
               line.c_str());
  std::fflush(out_);
}

void ProgressReporter::finish() {
  if (!terminal_ || last_width_ == 0) return;
  std::fprintf(out_, "\r%s\r", std::string(last_width_, ' ').c_str());
  std::fflush(out_);
  last_width_ = 0;
}

}  // namespace aion::cli
