#include "sim/report/html_report.h"

#include "sim/engine/timeline.h"
#include "sim/report/html_text.h"
#include "sim/report/swimlanes.h"

namespace aion::report {
namespace {

constexpr const char* kStyle = R"css(
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px;
       color: #222; background: #fff; }
h1 { font-size: 20px; margin: 0 0 12px; }
h2 { font-size: 16px; margin: 24px 0 8px; }
.banner { padding: 12px 16px; border-left: 6px solid; border-radius: 4px; margin-bottom: 16px;
          font-size: 15px; }
.banner.failure { background: #fdecea; border-color: #d62728; color: #7a0000; }
.banner.warning { background: #fff4e5; border-color: #ed6c02; color: #663c00; }
.banner.pass { background: #e8f5e9; border-color: #2e7d32; color: #1b5e20; }
.banner b { margin-right: 6px; }
table.facts { border-collapse: collapse; margin-bottom: 8px; }
table.facts td { padding: 2px 16px 2px 0; vertical-align: top; }
table.facts td:first-child { color: #666; white-space: nowrap; }
.chart { display: flex; border: 1px solid #ccc; border-radius: 4px; overflow: hidden; }
.chart svg { display: block; }
.labels { flex: none; border-right: 1px solid #ccc; }
.scroll { overflow-x: auto; flex: 1; }
.scroll.from-end { direction: rtl; }
.scroll.from-end svg { direction: ltr; }
.lane { fill: #fafafa; }
.lane.odd { fill: #f0f2f5; }
.grid { stroke: #dde; stroke-width: 1; }
.tick { font: 11px monospace; fill: #666; }
.name { font: 12px monospace; fill: #222; }
.name.failed { fill: #d62728; font-weight: bold; }
rect.ran { fill: #4e79a7; opacity: 0.13; }
rect.failure { fill: #d62728; stroke: #7a0000; stroke-width: 1; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 10px 0; font-size: 12px; }
.legend i { display: inline-block; width: 11px; height: 11px; margin-right: 5px;
            vertical-align: -1px; border-radius: 2px; }
.legend i.ran { background: #4e79a7; opacity: 0.25; }
pre { background: #f6f8fa; padding: 10px 12px; border-radius: 4px; overflow-x: auto; }
ul.failure { color: #7a0000; font: 12px monospace; }
b.own { color: #7a0000; }
.note { color: #666; }
)css";

const char* tone_class(Tone tone) {
  switch (tone) {
    case Tone::kFailure:
      return "failure";
    case Tone::kWarning:
      return "warning";
    case Tone::kPass:
      return "pass";
  }
  return "pass";
}

const char* tone_word(Tone tone) {
  switch (tone) {
    case Tone::kFailure:
      return "Failure:";
    case Tone::kWarning:
      return "Attention:";
    case Tone::kPass:
      return "Passed:";
  }
  return "";
}

}  // namespace

std::string render_html(const HtmlReport& report) {
  const sim::Trace& trace = report.trace;
  const std::size_t first = trace.size() > kMaxHtmlEvents ? trace.size() - kMaxHtmlEvents : 0;
  std::string page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  page += "<title>" + html_escape(report.title) + "</title>\n<style>" + kStyle +
          "</style>\n</head>\n<body>\n";
  page += "<div class=\"banner " + std::string(tone_class(report.tone)) + "\"><b>" +
          tone_word(report.tone) + "</b>" + html_escape(report.banner) + "</div>\n";
  page += "<h1>" + html_escape(report.title) + "</h1>\n<table class=\"facts\">\n";
  for (const auto& [label, value] : report.facts) {
    page += "<tr><td>" + html_escape(label) + "</td><td>" + html_escape(value) + "</td></tr>\n";
  }
  page += "</table>\n";
  if (!report.what_happened.empty()) {
    page += "<h2>" + html_escape(report.what_happened_title) + "</h2>\n<pre>";
    for (const auto& [line, own] : report.what_happened) {
      page += own ? "<b class=\"own\">&gt; " + html_escape(line) + "</b>\n"
                  : "  " + html_escape(line) + "\n";
    }
    page += "</pre>\n";
  }
  page += "<h2>Threads over scheduling steps</h2>\n";
  if (first > 0) {
    page += "<p class=\"note\">The run took " + std::to_string(trace.size()) +
            " events; the last " + std::to_string(kMaxHtmlEvents) + " are shown, from step " +
            std::to_string(trace[first].step) + ".</p>\n";
  }
  page += swimlane_legend();
  page += render_swimlanes(trace, report.highlighted, first, report.lines);
  std::string failing;
  for (std::size_t i = first; i < trace.size(); ++i) {
    if (i < report.highlighted.size() && report.highlighted[i]) {
      const std::string line = i < report.lines.size() && !report.lines[i].empty()
                                   ? report.lines[i]
                                   : render_event(trace[i]);
      failing += "<li>" + html_escape(line) + "</li>\n";
    }
  }
  if (!failing.empty()) {
    page += "<h2>Events that show the failure</h2>\n<ul class=\"failure\">\n" + failing + "</ul>\n";
  }
  if (!report.scenario_script.empty()) {
    page += "<h2>Scenario</h2>\n<pre>" + html_escape(report.scenario_script) + "</pre>\n";
  }
  page += "</body>\n</html>\n";
  return page;
}

}  // namespace aion::report
