// How many orders of a run's transitions keep its happens-before relation (the linear
// extensions of the poset; with a sound dependence, the schedules of the run's class): by
// dynamic programming over the downsets, one level (downsets of one size) at a time, each a
// vector of per-fiber step counts. The count is kept as a logarithm, since it passes any
// floating-point range on long runs. A poset whose widest level holds more than `max_level`
// downsets is not counted (`counted` false): the work grows with the downsets, which are the
// product of the fibers' lengths when nothing orders them.
#pragma once

#include <cstddef>

#include "sim/engine/happens_before.h"

namespace aion::sim {

struct LinearExtensions {
  bool counted = false;
  double log_count = 0;    // natural logarithm
  std::size_t widest = 0;  // downsets in the widest level it went through
};

LinearExtensions count_linear_extensions(const HappensBefore& hb, std::size_t max_level);

}  // namespace aion::sim
