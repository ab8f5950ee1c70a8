#include "sim/cli/replay_page.h"

#include "sim/cli/failure_highlights.h"
#include "sim/cli/number_text.h"
#include "sim/scenario/scenario_text.h"

namespace aion::cli {

HtmlReport replay_page(const Replay& replay, const Verdict& verdict) {
  const lifecycle::CaseResult& result = replay.result;
  HtmlReport report;
  report.title = "aionsim replay " + replay.source;
  report.facts = verdict.lines;
  report.facts.push_back(
      {"virtual time", fixed(static_cast<double>(result.run.virtual_time) / 1e6, 3) + " ms"});
  report.scenario_script = scenario::render(replay.lifecycle_case.scenario);
  report.trace = result.run.trace;
  std::string sentence;
  if (result.failed()) {
    report.tone = Tone::kFailure;
    sentence = result.headline();
    report.banner = sentence;
  } else if (!verdict.reproduced()) {
    report.tone = Tone::kWarning;
    sentence = replay.file ? replay.file->violation : "";
    report.banner = verdict.hash_differs
                        ? "the replay parted from the recording: its trace hash differs"
                        : "the file expects " + expectation_text(*replay.file) +
                              (sentence.empty() ? "" : " (" + sentence + ")") +
                              ", but the replay passed";
  } else {
    report.tone = Tone::kPass;
    report.banner =
        replay.file && !replay.file->violation.empty()
            ? "the run passed, as the file expects; it once showed: " + replay.file->violation
            : "the run passed";
  }
  report.highlighted = failure_highlights(result.run.trace, result.run.outcome, sentence);
  return report;
}

}  // namespace aion::cli
