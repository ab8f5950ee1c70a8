#include "sim/cli/finding.h"

#include "sim/cli/number_text.h"
#include "sim/lifecycle/case_shrinker.h"

namespace aion::cli {

Finding finding_of(const lifecycle::LifecycleCase& lifecycle_case,
                   const lifecycle::CaseResult& result) {
  return Finding{lifecycle_case,      result.invariant(),    result.headline(),
                 result.run.schedule, result.run.trace_hash, result.run.steps};
}

std::optional<Finding> shrink_finding(lifecycle::CaseRunner& runner, const Finding& finding,
                                      std::size_t max_runs) {
  lifecycle::CaseOptions options;
  options.runtime.defects = finding.defects;
  // shrink_case keeps whatever the case shows first, so it must show the finding.
  if (runner.run(finding.lifecycle_case, options).invariant() != finding.invariant) {
    return std::nullopt;
  }
  const lifecycle::ShrinkResult shrunk =
      lifecycle::shrink_case(runner, finding.lifecycle_case, options, max_runs);
  if (shrunk.result.invariant() != finding.invariant) return std::nullopt;
  Finding smaller = finding_of(shrunk.smallest, shrunk.result);
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

std::string failure_file_name(const Finding& finding) {
  return finding.invariant + "-" + hex64(finding.trace_hash) + ".aionfail";
}

}  // namespace aion::cli
