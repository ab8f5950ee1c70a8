#include "sim/cli/fuzz_plot.h"

#include <algorithm>
#include <cstdio>

#include "sim/report/html_text.h"
#include "sim/report/number_text.h"

namespace aion::cli {
namespace {

constexpr double kWidth = 640, kHeight = 360, kLeft = 64, kRight = 150, kTop = 36, kBottom = 44;

struct Axes {
  double x_max = 1, y_max = 1;
  bool by_runs = true;
  double x(const FuzzPoint& p) const {
    const double v = by_runs ? static_cast<double>(p.runs) : p.seconds;
    return kLeft + v / x_max * (kWidth - kLeft - kRight);
  }
  double y(double features) const {
    return kHeight - kBottom - features / y_max * (kHeight - kTop - kBottom);
  }
};

std::string num(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", v);
  return text;
}

std::string series(const FuzzStats& stats, const Axes& axes, const char* colour, const char* name,
                   double label_y) {
  std::string points;
  for (const FuzzPoint& p : stats.curve) {
    points += num(axes.x(p)) + "," + num(axes.y(static_cast<double>(p.features))) + " ";
  }
  std::string svg = "<polyline fill=\"none\" stroke=\"" + std::string(colour) +
                    "\" stroke-width=\"2\" points=\"" + points + "\"/>\n";
  std::uint64_t findings = 0;
  for (const FuzzPoint& p : stats.curve) {
    if (p.findings <= findings) continue;
    findings = p.findings;
    svg += "<circle cx=\"" + num(axes.x(p)) + "\" cy=\"" +
           num(axes.y(static_cast<double>(p.features))) + "\" r=\"5\" fill=\"" + colour +
           "\"><title>" + std::to_string(p.findings) + " finding(s)</title></circle>\n";
  }
  svg += "<text x=\"" + num(kWidth - kRight + 10) + "\" y=\"" + num(label_y) + "\" fill=\"" +
         colour + "\">" + name + ": " + report::short_count(static_cast<double>(stats.features)) +
         "</text>\n";
  return svg;
}

}  // namespace

std::string fuzz_plot_svg(const FuzzStats& guided, const FuzzStats& blind, bool by_runs,
                          const std::string& title) {
  Axes axes;
  axes.by_runs = by_runs;
  for (const FuzzStats* stats : {&guided, &blind}) {
    for (const FuzzPoint& p : stats->curve) {
      axes.x_max = std::max(axes.x_max, by_runs ? static_cast<double>(p.runs) : p.seconds);
      axes.y_max = std::max(axes.y_max, static_cast<double>(p.features) * 1.05);
    }
  }
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(kWidth) +
                    "\" height=\"" + num(kHeight) +
                    "\" font-family=\"sans-serif\" font-size=\"12\">\n"
                    "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  svg += "<text x=\"" + num(kLeft) + "\" y=\"20\" font-size=\"14\">" + report::html_escape(title) +
         "</text>\n";
  const double x0 = kLeft, x1 = kWidth - kRight, y0 = kHeight - kBottom, y1 = kTop;
  svg += "<path d=\"M" + num(x0) + "," + num(y1) + " L" + num(x0) + "," + num(y0) + " L" + num(x1) +
         "," + num(y0) + "\" stroke=\"black\" fill=\"none\"/>\n";
  for (int i = 0; i <= 4; ++i) {
    const double fx = axes.x_max * i / 4, fy = axes.y_max * i / 4;
    const double px = x0 + (x1 - x0) * i / 4, py = y0 - (y0 - y1) * i / 4;
    svg += "<text x=\"" + num(px) + "\" y=\"" + num(y0 + 16) + "\" text-anchor=\"middle\">" +
           report::short_count(fx) + "</text>\n";
    svg += "<text x=\"" + num(x0 - 6) + "\" y=\"" + num(py + 4) + "\" text-anchor=\"end\">" +
           report::short_count(fy) + "</text>\n";
  }
  svg += "<text x=\"" + num((x0 + x1) / 2) + "\" y=\"" + num(kHeight - 8) +
         "\" text-anchor=\"middle\">" + (by_runs ? "runs" : "seconds") + "</text>\n";
  svg += "<text x=\"14\" y=\"" + num((y0 + y1) / 2) + "\" transform=\"rotate(-90 14 " +
         num((y0 + y1) / 2) + ")\" text-anchor=\"middle\">features</text>\n";
  svg += series(blind, axes, "#888888", "blind", kTop + 34);
  svg += series(guided, axes, "#d62728", "guided", kTop + 14);
  svg += "<text x=\"" + num(kWidth - kRight + 10) + "\" y=\"" + num(kTop + 58) +
         "\" fill=\"#444\">dots: findings</text>\n</svg>\n";
  return svg;
}

}  // namespace aion::cli
