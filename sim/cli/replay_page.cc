#include "sim/cli/replay_page.h"

#include "sim/cli/failure_highlights.h"
#include "sim/report/number_text.h"
#include "sim/scenario/scenario_text.h"

namespace aion::cli {
namespace {

// Scenario events shown in the page's "what happened" list.
constexpr std::size_t kExcerptEvents = 40;

}  // namespace

report::HtmlReport replay_page(const Replay& replay, const Verdict& verdict,
                               lifecycle::TimelineFilter filter) {
  const lifecycle::CaseResult& result = replay.result;
  report::HtmlReport page;
  page.title = "aionsim replay " + replay.source;
  page.facts = verdict.lines;
  page.facts.push_back(
      {"virtual time",
       report::fixed(static_cast<double>(result.run.virtual_time) / 1e6, 3) + " ms"});
  page.scenario_script = scenario::render(replay.lifecycle_case.scenario);
  std::string sentence;
  if (result.failed()) {
    page.tone = report::Tone::kFailure;
    sentence = result.headline();
    page.banner = sentence;
  } else if (!verdict.reproduced()) {
    page.tone = report::Tone::kWarning;
    sentence = replay.file ? replay.file->violation : "";
    page.banner = verdict.hash_differs
                      ? "the replay parted from the recording: its trace hash differs"
                      : "the file expects " + expectation_text(*replay.file) +
                            (sentence.empty() ? "" : " (" + sentence + ")") +
                            ", but the replay passed";
  } else {
    page.tone = report::Tone::kPass;
    page.banner =
        replay.file && !replay.file->violation.empty()
            ? "the run passed, as the file expects; it once showed: " + replay.file->violation
            : "the run passed";
  }
  const std::vector<bool> highlighted = failure_highlights(
      result.run.trace, result.run.outcome, lifecycle::finding_seqs(result), sentence);
  for (const auto& event : lifecycle::case_timeline(result.run.trace, result.record, filter)) {
    page.trace.push_back(result.run.trace[event.trace_index]);
    page.lines.push_back(event.line);
    page.highlighted.push_back(highlighted[event.trace_index]);
  }
  if (result.failed() && !verdict.diverged) {
    const lifecycle::Excerpt excerpt = lifecycle::what_matters(result, kExcerptEvents);
    page.what_happened_title = "What happened to " + excerpt.about;
    for (std::size_t i = 0; i < excerpt.events.size(); ++i) {
      page.what_happened.push_back({excerpt.events[i].line, excerpt.own[i]});
    }
  }
  return page;
}

}  // namespace aion::cli
