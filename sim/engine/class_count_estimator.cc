#include "sim/engine/class_count_estimator.h"

#include <algorithm>

#include "sim/engine/linear_extensions.h"

namespace aion::sim {

double ClassCountEstimator::standard_error() const {
  if (counted_ < 2) return 0;
  const auto n = static_cast<double>(counted_);
  const double mean = sum_ / n;
  const double variance = std::max(0.0, (sum_of_squares_ - n * mean * mean) / (n - 1));
  return std::sqrt(variance / n);
}

void ClassCountEstimator::begin_run(std::uint64_t seed) {
  // One stream for all probes, from the first run's seed: probes of one scenario at one seed
  // differ, as they must.
  if (probes_ == 0) rng_ = Rng(derive_seed(seed, "strategy:estimate"));
  hb_.clear();
  log_weight_ = 0;
}

std::size_t ClassCountEstimator::choose(const Decision& decision) {
  const std::size_t options = decision.enabled.size();
  log_weight_ += std::log(static_cast<double>(options));
  return static_cast<std::size_t>(rng_.below(options));
}

void ClassCountEstimator::executed(std::uint32_t fiber, const PendingOp& op, bool) {
  races_.clear();
  hb_.record(fiber, op, -1, races_);
}

void ClassCountEstimator::woke(std::uint32_t fiber, std::uint32_t waker) { hb_.woke(fiber, waker); }

void ClassCountEstimator::noted(std::uint32_t fiber) {
  std::int32_t race = -1;
  hb_.noted(fiber, race);
}

void ClassCountEstimator::end_run(std::uint64_t) {
  ++probes_;
  const LinearExtensions orders = count_linear_extensions(hb_, max_level_);
  if (!orders.counted) return;
  ++counted_;
  const double weight = std::exp(log_weight_ - orders.log_count);
  sum_ += weight;
  sum_of_squares_ += weight * weight;
}

}  // namespace aion::sim
