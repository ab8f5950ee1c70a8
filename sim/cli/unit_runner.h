// Runs the units of a campaign plan on one worker thread, with the worker's
// own CaseRunner (whose simulator pools stacks and fibers across runs). A unit
// is one program (a scenario and a seed), run as the plan's strategy asks
// (lifecycle::run_program): once for a sampling strategy, schedule after
// schedule for a systematic one until it has covered the program, the unit
// reaches `max_runs`, or `emit` asks to stop.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/cli/campaign_plan.h"
#include "sim/cli/finding.h"
#include "sim/lifecycle/case_runner.h"
#include "sim/lifecycle/program_runs.h"
#include "sim/oracle/coverage_marks.h"

namespace aion::cli {

struct RunOutcome {
  bool died = false;             // its process died: it has no trace
  std::uint64_t class_hash = 0;  // RunResult::class_hash
  std::uint64_t steps = 0;
  oracle::CoverageMarks marks;
  std::optional<Finding> failure;
  std::vector<oracle::Invariant> broken;  // every invariant the run broke
  std::vector<std::string> headlines;     // and how, one for each
  bool determinism_checked = false;
};

struct UnitEnd {
  bool covered = false;  // a systematic strategy covered the unit's program
  std::string warning;   // what the strategy noticed that puts its coverage in doubt
};

class UnitRunner {
 public:
  UnitRunner();
  ~UnitRunner();

  // `emit` returns false to stop the unit. `starting`, when given, hears the case of each
  // run before the run begins, so that whoever watches knows which run a death ended.
  using Starting = std::function<void(const lifecycle::LifecycleCase&)>;
  UnitEnd run(const CampaignPlan& plan, std::uint64_t unit, std::uint64_t max_runs,
              const std::function<bool(RunOutcome&&)>& emit, const Starting& starting = {});

  // Where the runs store their steps (lifecycle::CaseOptions::step_beacon).
  void set_step_beacon(std::atomic<std::uint64_t>* beacon) { beacon_ = beacon; }
  // Where the runs mirror their decisions (lifecycle::CaseOptions::decision_mirror).
  void set_decision_mirror(sim::DecisionMirror* mirror) { mirror_ = mirror; }
  // The next unit goes on from there rather than from its first run.
  void resume_next_unit(lifecycle::ProgramResume resume) { resume_ = std::move(resume); }

 private:
  lifecycle::CaseOptions options_of(const CampaignPlan& plan) const;

  lifecycle::CaseRunner runner_;
  std::atomic<std::uint64_t>* beacon_ = nullptr;
  sim::DecisionMirror* mirror_ = nullptr;
  std::optional<lifecycle::ProgramResume> resume_;
};

}  // namespace aion::cli
