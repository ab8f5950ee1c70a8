// A replayed run as one self-contained HTML page: inline CSS and SVG, no
// scripts, no external resources, so it can be attached to a bug or opened
// offline. At the top a banner with the verdict (red for a failure, with its
// sentence); then one swimlane per simulated thread over a time axis of
// scheduling steps, each event a mark whose tooltip (<title>) is its timeline
// line, the stretches where a thread ran drawn under its marks, and the
// events that show the failure in red (see failure_highlights.h); then what
// happened in the scenario's words, the run's facts and the scenario script.
// Very long traces show their last kMaxHtmlEvents events, where a failure ends.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "sim/engine/trace.h"

namespace aion::report {

inline constexpr std::size_t kMaxHtmlEvents = 6000;

enum class Tone { kFailure, kWarning, kPass };

struct HtmlReport {
  std::string title;
  Tone tone = Tone::kPass;
  std::string banner;  // one sentence: the violation, or why all is well
  std::vector<std::pair<std::string, std::string>> facts;  // label, value
  std::string scenario_script;                             // shown at the end when there is one
  sim::Trace trace;
  std::vector<bool> highlighted;  // per event of `trace`
  // Per event of `trace`, what it was (a scenario event in the scenario's
  // words); an event without one shows its timeline line.
  std::vector<std::string> lines;
  // What happened, in the scenario's words: (line, whether the failure points at it).
  std::vector<std::pair<std::string, bool>> what_happened;
  std::string what_happened_title;
};

std::string render_html(const HtmlReport& report);

}  // namespace aion::report
