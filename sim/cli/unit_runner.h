// Runs the units of a campaign plan on one worker thread, with the worker's
// own CaseRunner (whose simulator pools stacks and fibers across runs). A unit
// of a case strategy is one run; an exhaustive unit is every schedule of its
// scenario within the preemption bound, one run each, until the explorer is
// exhausted, the unit reaches `max_runs`, or `emit` asks to stop.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/cli/campaign_plan.h"
#include "sim/cli/finding.h"
#include "sim/engine/exhaustive_explorer.h"
#include "sim/lifecycle/case_runner.h"
#include "sim/oracle/coverage_marks.h"

namespace aion::cli {

struct RunOutcome {
  bool died = false;  // its process died: it has no trace
  std::uint64_t trace_hash = 0;
  std::uint64_t steps = 0;
  oracle::CoverageMarks marks;
  std::optional<Finding> failure;
  std::vector<oracle::Invariant> broken;  // every invariant the run broke
  std::vector<std::string> headlines;     // and how, one for each
  bool determinism_checked = false;
};

// Where an exhaustive walk goes on after a run whose process died: the decisions that run
// made, and how many runs the walk has made with it.
struct WalkResume {
  std::vector<sim::ExhaustiveExplorer::Node> path;
  std::uint64_t runs = 0;
};

struct UnitEnd {
  bool exhausted = false;      // an exhaustive unit walked every schedule
  std::string nondeterminism;  // the explorer's note, if a forced choice no longer fit
};

class UnitRunner {
 public:
  UnitRunner();
  ~UnitRunner();

  // `emit` returns false to stop the unit. `starting`, when given, hears the case of each
  // run before the run begins (for an exhaustive walk, the generated case of the schedule it
  // is about to run), so that whoever watches knows which run a death ended.
  using Starting = std::function<void(const lifecycle::LifecycleCase&)>;
  UnitEnd run(const CampaignPlan& plan, std::uint64_t unit, std::uint64_t max_runs,
              const std::function<bool(RunOutcome&&)>& emit, const Starting& starting = {});

  // Where the runs store their steps (lifecycle::CaseOptions::step_beacon).
  void set_step_beacon(std::atomic<std::uint64_t>* beacon) { beacon_ = beacon; }
  // Where exhaustive walks mirror each run's decisions (ExhaustiveExplorer::PathMirror).
  void set_walk_mirror(const sim::ExhaustiveExplorer::PathMirror& mirror) { mirror_ = mirror; }
  // The next exhaustive unit goes on from there rather than from its first schedule.
  void resume_next_walk(WalkResume resume) { resume_ = std::move(resume); }

 private:
  UnitEnd explore_exhaustively(const CampaignPlan& plan, std::uint64_t unit, std::uint64_t max_runs,
                               const std::function<bool(RunOutcome&&)>& emit,
                               const Starting& starting);
  lifecycle::CaseOptions options_of(const CampaignPlan& plan) const;

  lifecycle::CaseRunner runner_;
  std::atomic<std::uint64_t>* beacon_ = nullptr;
  sim::ExhaustiveExplorer::PathMirror mirror_;
  std::optional<WalkResume> resume_;
};

}  // namespace aion::cli
