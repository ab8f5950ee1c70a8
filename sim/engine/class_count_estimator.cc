#include "sim/engine/class_count_estimator.h"

#include <algorithm>

namespace aion::sim {
double ClassCountEstimator::standard_error() const {
  if (probes_ < 2) return 0;
  const auto n = static_cast<double>(probes_);
  const double mean = sum_ / n;
  const double variance = std::max(0.0, (sum_of_squares_ - n * mean * mean) / (n - 1));
  return std::sqrt(variance / n);
}

void ClassCountEstimator::begin_run(std::uint64_t seed) {
  rng_ = Rng(derive_seed(seed, "strategy:estimate"));
  sleep_.clear();
  weight_ = 1;
  blocked_ = false;
}

std::size_t ClassCountEstimator::choose(const Decision& decision) {
  const std::size_t options = decision.enabled.size();
  const std::size_t first = decision.current_runnable() ? decision.current_position : 0;
  if (blocked_) return first;
  std::vector<std::size_t> awake;
  for (std::size_t rank = 0; rank < options; ++rank) {
    const std::size_t position = position_at_rank(options, first, rank);
    if (!sleep_.contains({decision.enabled[position], decision.pending(position)})) {
      awake.push_back(position);
    }
  }
  if (awake.empty()) {
    blocked_ = true;
    return first;
  }
  const std::size_t pick = rng_.below(awake.size());
  weight_ *= static_cast<double>(awake.size());
  for (std::size_t i = 0; i < pick; ++i) {
    sleep_.add({decision.enabled[awake[i]], decision.pending(awake[i])});
  }
  return awake[pick];
}

void ClassCountEstimator::executed(std::uint32_t fiber, const PendingOp& op) {
  if (blocked_) return;
  if (sleep_.contains({fiber, op})) {
    blocked_ = true;
    return;
  }
  sleep_.wake_dependents_of({fiber, op});
}

void ClassCountEstimator::end_run(std::uint64_t) {
  const double weight = blocked_ ? 0 : weight_;
  ++probes_;
  sum_ += weight;
  sum_of_squares_ += weight * weight;
}

}  // namespace aion::sim
