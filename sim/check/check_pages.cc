#include "sim/check/check_pages.h"

#include <fstream>

#include "sim/report/html_report.h"
#include "sim/trace_export/chrome_trace.h"

namespace aion::sim {
namespace {

// The events that show the failure: when threads were left blocked or spinning, where each
// of them stopped; otherwise the last event, where the failing check or exception was.
std::vector<bool> failure_events(const RunResult& run) {
  std::vector<bool> marked(run.trace.size(), false);
  if (run.passed() || run.trace.empty()) return marked;
  const bool stuck = run.outcome == Outcome::kDeadlock || run.outcome == Outcome::kLivelock ||
                     run.outcome == Outcome::kStepBudgetExceeded ||
                     run.outcome == Outcome::kLongRun;
  if (!stuck) {
    marked.back() = true;
    return marked;
  }
  std::vector<bool> seen;
  for (std::size_t i = run.trace.size(); i-- > 0;) {
    const std::uint32_t fiber = run.trace[i].fiber;
    if (fiber >= seen.size()) seen.resize(fiber + 1, false);
    if (!seen[fiber]) marked[i] = true;
    seen[fiber] = true;
  }
  return marked;
}

std::string write(const std::string& what, const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  return out.good() ? "  " + what + ": " + path : "  " + what + ": cannot write " + path;
}

}  // namespace

std::vector<std::string> write_check_pages(
    const CheckPages& pages, const std::string& title, const RunResult& run,
    const std::vector<std::pair<std::string, std::string>>& facts) {
  std::vector<std::string> lines;
  if (!pages.html.empty()) {
    report::HtmlReport page;
    page.title = title;
    page.tone = run.passed() ? report::Tone::kPass : report::Tone::kFailure;
    page.banner = run.passed()          ? "the run passed"
                  : run.message.empty() ? std::string(outcome_name(run.outcome))
                                        : run.message;
    page.facts = facts;
    page.trace = run.trace;
    page.highlighted = failure_events(run);
    lines.push_back(write("page", pages.html, report::render_html(page)));
  }
  if (!pages.perfetto.empty()) {
    lines.push_back(write("perfetto trace", pages.perfetto, to_chrome_trace_json(run.trace)));
  }
  return lines;
}

}  // namespace aion::sim
