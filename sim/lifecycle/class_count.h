// How many classes (Mazurkiewicz traces: runs that differ only in the order of independent
// events are one) a lifecycle scenario has. dpor (or dpor:K) walks them, one complete run
// each; when its walk ends within the budget the count is exact. When it does not, the count
// is at least the classes walked, and Knuth's estimator over every schedule, each weighed by
// the inverse of its class's size (sim/engine/class_count_estimator.h), estimates the whole,
// with its standard error.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sim/lifecycle/lifecycle_case.h"

namespace aion::lifecycle {

struct ClassCountOptions {
  std::uint64_t max_runs = 100'000;    // of the dpor walk
  std::optional<std::uint32_t> bound;  // dpor:K
  std::uint64_t probes = 20'000;       // of the estimator, when the walk does not end
};

struct ClassCount {
  bool exact = false;  // the walk ended: `classes` are all there are (within the bound)
  std::uint64_t classes = 0;
  std::uint64_t runs = 0;
  std::string warning;  // why the walk's count may not hold (a scenario that did not repeat)
  // Without a bound and when not exact: the estimate and its standard error, over `probes`.
  std::uint64_t probes = 0;
  std::uint64_t counted_probes = 0;  // those whose class's size was counted
  double estimate = 0;
  double standard_error = 0;
};

// The case's scenario, at the case's seed.
ClassCount count_classes(const LifecycleCase& c, const ClassCountOptions& options);

}  // namespace aion::lifecycle
