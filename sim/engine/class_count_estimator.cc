#include "sim/engine/class_count_estimator.h"

#include <algorithm>

#include "sim/engine/hash.h"

namespace aion::sim {
double ClassCountEstimator::standard_error() const {
  if (probes_ < 2) return 0;
  const auto n = static_cast<double>(probes_);
  const double mean = sum_ / n;
  const double variance = std::max(0.0, (sum_of_squares_ - n * mean * mean) / (n - 1));
  return std::sqrt(variance / n);
}

void ClassCountEstimator::begin_run(std::uint64_t seed) {
  // One stream for all probes, from the first run's seed: probes of one scenario at one seed
  // differ, as they must.
  if (probes_ == 0) rng_ = Rng(derive_seed(seed, "strategy:estimate"));
  sleep_.clear();
  transitions_of_.clear();
  running_ = 0;
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
  double harmonic = 0;
  for (std::size_t i = 0; i < awake.size(); ++i) harmonic += 1.0 / static_cast<double>(i + 1);
  double drawn = static_cast<double>(rng_.below(std::uint64_t{1} << 53)) /
                 static_cast<double>(std::uint64_t{1} << 53) * harmonic;
  std::size_t pick = 0;
  while (pick + 1 < awake.size() && drawn >= 1.0 / static_cast<double>(pick + 1)) {
    drawn -= 1.0 / static_cast<double>(pick + 1);
    ++pick;
  }
  weight_ *= harmonic * static_cast<double>(pick + 1);
  for (std::size_t i = 0; i < pick; ++i) {
    const std::uint32_t fiber = decision.enabled[awake[i]];
    const PendingOp op = decision.pending(awake[i]);
    const auto seen = notes_seen_.find(key(fiber, op));
    sleep_.add({fiber, op, seen != notes_seen_.end() && seen->second});
  }
  return awake[pick];
}

std::uint64_t ClassCountEstimator::key(std::uint32_t fiber, const PendingOp& op) const {
  const std::uint64_t local = fiber < transitions_of_.size() ? transitions_of_[fiber] : 0;
  return mix64(mix64(mix64(fiber + 1) ^ local) ^ (static_cast<std::uint64_t>(op.op) << 56) ^
               op.object);
}

void ClassCountEstimator::executed(std::uint32_t fiber, const PendingOp& op) {
  running_ = key(fiber, op);
  notes_seen_.emplace(running_, false);
  if (fiber >= transitions_of_.size()) transitions_of_.resize(fiber + 1, 0);
  ++transitions_of_[fiber];
  if (blocked_) return;
  if (sleep_.contains({fiber, op})) {
    blocked_ = true;
    return;
  }
  sleep_.wake_dependents_of({fiber, op});
}

void ClassCountEstimator::noted(std::uint32_t) {
  notes_seen_[running_] = true;
  if (!blocked_) sleep_.wake_note_markers();
}

void ClassCountEstimator::end_run(std::uint64_t) {
  const double weight = blocked_ ? 0 : weight_;
  if (!blocked_) ++complete_probes_;
  ++probes_;
  sum_ += weight;
  sum_of_squares_ += weight * weight;
}

}  // namespace aion::sim
