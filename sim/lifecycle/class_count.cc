#include "sim/lifecycle/class_count.h"

#include <unordered_set>

#include "sim/engine/class_count_estimator.h"
#include "sim/engine/dpor_explorer.h"
#include "sim/lifecycle/case_runner.h"

namespace aion::lifecycle {

ClassCount count_classes(const LifecycleCase& c, const ClassCountOptions& options) {
  CaseRunner runner;
  sim::DporExplorer dpor(options.bound);
  std::unordered_set<std::uint64_t> classes;
  ClassCount count;
  for (; dpor.wants_run(count.runs) && count.runs < options.max_runs; ++count.runs) {
    classes.insert(runner.run_with(c, dpor, {}).run.class_hash);
  }
  count.exact = dpor.covered();
  count.classes = classes.size();
  count.warning = dpor.warning();
  if (count.exact || options.bound || options.probes == 0) return count;
  sim::ClassCountEstimator estimator;
  for (std::uint64_t i = 0; i < options.probes; ++i) runner.run_with(c, estimator, {});
  count.probes = estimator.probes();
  count.counted_probes = estimator.counted_probes();
  count.estimate = estimator.estimate();
  count.standard_error = estimator.standard_error();
  return count;
}

}  // namespace aion::lifecycle
