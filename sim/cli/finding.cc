#include "sim/cli/finding.h"

#include "sim/engine/hash.h"
#include "sim/engine/hex_text.h"
#include "sim/lifecycle/case_shrinker.h"
#include "sim/oracle/invariants.h"
#include "sim/report/number_text.h"

namespace aion::cli {

Finding finding_of(const lifecycle::LifecycleCase& lifecycle_case,
                   const lifecycle::CaseResult& result, const std::string& invariant) {
  const std::string broken = invariant.empty() ? result.invariant() : invariant;
  return Finding{
      lifecycle_case,        broken,          result.headline_of(broken), result.run.schedule,
      result.run.trace_hash, result.run.steps};
}

std::optional<Finding> shrink_finding(lifecycle::CaseRunner& runner, const Finding& finding,
                                      std::size_t max_runs, lifecycle::CaseOptions options) {
  options.runtime.defects = finding.defects;
  if (!runner.run(finding.lifecycle_case, options).breaks(finding.invariant)) return std::nullopt;
  const lifecycle::ShrinkResult shrunk =
      lifecycle::shrink_case(runner, finding.lifecycle_case, options, max_runs, finding.invariant);
  if (!shrunk.result.breaks(finding.invariant)) return std::nullopt;
  Finding smaller = finding_of(shrunk.smallest, shrunk.result, finding.invariant);
  smaller.run = finding.run;
  smaller.defects = finding.defects;
  return smaller;
}

lifecycle::FailureFile failure_file_of(const Finding& finding) {
  lifecycle::FailureFile file;
  file.lifecycle_case = finding.lifecycle_case;
  file.expect_invariant = finding.invariant;
  file.violation = finding.headline;
  file.schedule = finding.schedule;
  file.trace_hash = finding.trace_hash;
  file.defects = finding.defects;
  return file;
}

Finding finding_of_file(const lifecycle::FailureFile& file) {
  Finding finding;
  finding.lifecycle_case = file.lifecycle_case;
  finding.invariant = file.expect_invariant;
  finding.headline = file.violation;
  finding.schedule = file.schedule;
  finding.trace_hash = file.trace_hash;
  finding.defects = file.defects;
  return finding;
}

bool is_death(const Finding& finding) {
  return finding.invariant == oracle::invariant_name(oracle::Invariant::kCrashed) ||
         finding.invariant == oracle::invariant_name(oracle::Invariant::kHung);
}

std::string failure_file_name(const Finding& finding) {
  // A run whose process died has no trace: its case names it.
  const std::uint64_t name =
      finding.trace_hash != 0 ? finding.trace_hash
                              : sim::hash_text(lifecycle::render_failure(failure_file_of(finding)));
  return finding.invariant + "-" + sim::hex64(name) + ".aionfail";
}

}  // namespace aion::cli
