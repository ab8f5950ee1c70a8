#include "sim/cli/finding_saver.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <utility>
#include <variant>

#include "sim/cli/interrupt.h"
#include "sim/cli/user_files.h"
#include "sim/lifecycle/failure_file.h"
#include "sim/lifecycle/step_budget.h"
#include "sim/oracle/invariants.h"
#include "sim/sandbox/child_process.h"
#include "sim/sandbox/frames.h"

namespace aion::cli {
namespace {

// A long run is run again with up to this many times its budget, to say what it needs.
constexpr std::uint64_t kLongRunCeiling = 64;
// Shrinking a failure gets at most this many candidate runs, and about this
// many seconds' worth of them at the campaign's speed: a failure that takes
// 200000 steps a run must not keep the campaign waiting for minutes.
constexpr std::uint64_t kMaxShrinkRuns = 2000;
constexpr std::uint64_t kMinShrinkRuns = 20;
// Scheduling points a shrink may spend: about 20 s of runs at -c opt speed.
constexpr double kShrinkDecisions = 50'000'000;
// A shrink in a child process that takes longer than this is stopped (and tried again one
// child per candidate, in case one candidate hangs).
constexpr std::chrono::minutes kShrinkWatchdog{5};

// Fixed by the finding's length, not by this machine's speed, so that a
// campaign with --runs saves the same shrunk files everywhere.
std::size_t shrink_budget(const Finding& finding) {
  const double runs =
      kShrinkDecisions / static_cast<double>(std::max<std::uint64_t>(finding.steps, 1));
  return static_cast<std::size_t>(
      std::clamp(runs, static_cast<double>(kMinShrinkRuns), static_cast<double>(kMaxShrinkRuns)));
}

bool long_run(const Finding& finding) {
  return finding.invariant == oracle::invariant_name(oracle::Invariant::kLongRun);
}

}  // namespace

FindingSaver::FindingSaver(SaveOptions options, const CampaignPlan& plan)
    : options_(std::move(options)), plan_(plan) {}

void FindingSaver::save(const Finding& finding, const std::function<void()>& written) {
  SavedFailure& failure = saved_.emplace_back();
  failure.finding = finding;
  failure.operations_before = finding.lifecycle_case.scenario.operation_count();
  if (long_run(finding)) failure.finding.headline += budget_advice(finding);
  write(failure);
  // Listed before the shrink, which a kill may interrupt.
  if (written) written();
  // A long run is not wrong, only long: shrinking would keep it as long.
  if (options_.shrink && !long_run(finding) && !interrupt_requested()) {
    std::fprintf(stderr, "aionsim explore: shrinking the %s failure of run %llu\n",
                 finding.invariant.c_str(), static_cast<unsigned long long>(finding.run));
    if (auto smaller = shrunk(finding)) {
      const std::string unshrunk = failure.path;
      failure.finding = std::move(*smaller);
      failure.shrunk = true;
      write(failure);
      std::error_code ignored;
      if (unshrunk != failure.path) std::filesystem::remove(unshrunk, ignored);
      if (written) written();
    }
  }
}

// Under the name its finding gives it, which the shrunk finding changes.
void FindingSaver::write(SavedFailure& failure) const {
  failure.path = options_.out_dir + "/" + failure_file_name(failure.finding);
  write_file(failure.path, lifecycle::render_failure(failure_file_of(failure.finding)));
}

std::optional<Finding> FindingSaver::shrunk(const Finding& finding) {
  const std::size_t budget = shrink_budget(finding);
  lifecycle::CaseRunner runner;
  if (!options_.isolate) return shrink_finding(runner, finding, budget);
  if (!is_death(finding)) {
    auto ran = sandbox::run_in_child(
        [&](int fd) {
          lifecycle::CaseRunner here;
          const auto smaller = shrink_finding(here, finding, budget);
          sandbox::write_frame(
              fd, smaller ? lifecycle::render_failure(failure_file_of(*smaller)) : std::string());
        },
        kShrinkWatchdog, interrupt_requested);
    if (const auto* child = std::get_if<sandbox::ChildRun>(&ran)) {
      if (child->ending.stopped) return std::nullopt;
      if (child->ending.clean() && child->frames.size() == 1) {
        if (child->frames.front().empty()) return std::nullopt;
        auto parsed = lifecycle::parse_failure(child->frames.front());
        if (auto* file = std::get_if<lifecycle::FailureFile>(&parsed)) {
          Finding smaller = finding_of_file(*file);
          smaller.run = finding.run;
          smaller.steps = finding.steps;
          return smaller;
        }
      }
    }
  }
  // The finding's process died, or a candidate's did: one child per candidate.
  lifecycle::CaseOptions isolated;
  isolated.isolate = true;
  isolated.watchdog = options_.watchdog;
  return shrink_finding(runner, finding, budget, isolated);
}

// How long a long run really is, and the budget that lets it finish.
std::string FindingSaver::budget_advice(const Finding& finding) {
  lifecycle::CaseRunner runner;
  lifecycle::CaseOptions options;
  options.runtime.defects = finding.defects;
  options.max_steps = plan_.max_steps;
  const std::uint64_t ceiling = kLongRunCeiling * plan_.max_steps;
  const auto steps = lifecycle::steps_to_finish(runner, finding.lifecycle_case, options, ceiling);
  if (!steps) {
    return "; it does not finish within " + std::to_string(ceiling) + " scheduling points either";
  }
  return "; it finishes in " + std::to_string(*steps) + " scheduling points: explore it with " +
         "--max-steps " + std::to_string(lifecycle::suggested_budget(*steps));
}

}  // namespace aion::cli
