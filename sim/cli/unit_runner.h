// Runs the units of a campaign plan on one worker thread, with the worker's
// own CaseRunner (whose simulator pools stacks and fibers across runs). A unit
// of a case strategy is one run; an exhaustive unit is every schedule of its
// scenario within the preemption bound, one run each, until the explorer is
// exhausted, the unit reaches `max_runs`, or `emit` asks to stop.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/cli/campaign_plan.h"
#include "sim/cli/finding.h"
#include "sim/lifecycle/case_runner.h"
#include "sim/oracle/coverage_marks.h"

namespace aion::cli {

struct RunOutcome {
  std::uint64_t trace_hash = 0;
  std::uint64_t steps = 0;
  oracle::CoverageMarks marks;
  std::optional<Finding> failure;
  std::vector<oracle::Invariant> broken;  // every invariant the run broke
  bool determinism_checked = false;
};

struct UnitEnd {
  bool exhausted = false;      // an exhaustive unit walked every schedule
  std::string nondeterminism;  // the explorer's note, if a forced choice no longer fit
};

class UnitRunner {
 public:
  UnitRunner();
  ~UnitRunner();

  // `emit` returns false to stop the unit.
  UnitEnd run(const CampaignPlan& plan, std::uint64_t unit, std::uint64_t max_runs,
              const std::function<bool(RunOutcome&&)>& emit);

 private:
  UnitEnd explore_exhaustively(const CampaignPlan& plan, std::uint64_t unit, std::uint64_t max_runs,
                               const std::function<bool(RunOutcome&&)>& emit);

  lifecycle::CaseRunner runner_;
};

}  // namespace aion::cli
