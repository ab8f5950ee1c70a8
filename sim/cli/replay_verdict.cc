#include "sim/cli/replay_verdict.h"

#include "sim/engine/hex_text.h"
#include "sim/report/number_text.h"

namespace aion::cli {
namespace {

std::string outcome_text(const lifecycle::CaseResult& result) {
  return result.failed() ? "failure " + result.invariant() + ": " + result.headline() : "passed";
}

}  // namespace

std::string expectation_text(const lifecycle::FailureFile& file) {
  return file.expect_invariant.empty() ? "a pass" : "a failure of " + file.expect_invariant;
}

Verdict judge_replay(const Replay& replay) {
  const lifecycle::CaseResult& result = replay.result;
  Verdict verdict;
  verdict.lines.push_back({"seed", std::to_string(replay.lifecycle_case.seed)});
  verdict.lines.push_back({"replayed", replay.how});
  verdict.diverged = result.run.outcome == sim::Outcome::kDivergence;
  if (verdict.diverged) {
    verdict.lines.push_back({"outcome", "PARTED FROM THE RECORDING: " + result.run.message});
    verdict.lines.push_back({"verdict", "the replay does not reproduce the recording"});
    verdict.as_expected = false;
    return verdict;
  }
  std::string trace = "hash " + sim::hex64(result.run.trace_hash) + ", " +
                      std::to_string(result.run.steps) + " steps";
  if (replay.file && replay.file->trace_hash != 0) {
    verdict.hash_differs = result.run.trace_hash != replay.file->trace_hash;
    trace = verdict.hash_differs ? "PARTED FROM THE RECORDING: the trace hash is " +
                                       sim::hex64(result.run.trace_hash) + ", the file records " +
                                       sim::hex64(replay.file->trace_hash)
                                 : trace + ", as recorded";
  }
  verdict.lines.push_back({"trace", trace});
  verdict.lines.push_back({"outcome", outcome_text(result)});
  // What the oracle saw in a run the simulator stopped: how it got there.
  if (!result.run.passed()) {
    for (const auto& violation : result.violations) {
      verdict.lines.push_back({"and", std::string(oracle::invariant_name(violation.invariant)) +
                                          ": " + violation.sentence});
    }
  }
  if (!replay.file) {
    verdict.as_expected = !result.failed();
    return verdict;
  }
  const lifecycle::FailureFile& file = *replay.file;
  if (!file.violation.empty()) verdict.lines.push_back({"recorded", file.violation});
  // A failure file expects its invariant broken, whatever else the run breaks besides.
  verdict.as_expected =
      file.expect_invariant.empty() ? !result.failed() : result.breaks(file.expect_invariant);
  verdict.lines.push_back(
      {"verdict", verdict.as_expected
                      ? "as the file expects (" + expectation_text(file) + ")"
                      : "NOT as the file expects: it expects " + expectation_text(file) +
                            ", the replay shows " +
                            (result.failed() ? "a failure of " + result.invariant() : "a pass")});
  return verdict;
}

}  // namespace aion::cli
