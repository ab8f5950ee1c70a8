// What a replay showed against what it was asked to reproduce: whether it
// parted from the recording (a strict replay that diverged, with the step and
// both sides, or a different trace hash), and whether its outcome is what the
// file's `expect` line says; as labelled lines for the terminal and the page.
// A scenario run with a seed has no recording: it is as expected when it passes.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sim/cli/replay_run.h"

namespace aion::cli {

struct Verdict {
  bool diverged = false;
  bool hash_differs = false;
  bool as_expected = true;
  std::vector<std::pair<std::string, std::string>> lines;  // label, text

  bool reproduced() const { return !diverged && !hash_differs && as_expected; }
};

Verdict judge_replay(const Replay& replay);

// "a pass" or "a failure of <invariant>".
std::string expectation_text(const lifecycle::FailureFile& file);

}  // namespace aion::cli
