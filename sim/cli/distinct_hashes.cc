#include "sim/cli/distinct_hashes.h"

#include <bit>
#include <cmath>
#include <utility>

#include "sim/engine/hash.h"

namespace aion::cli {
namespace {

constexpr std::size_t kInitialSlots = 1024;
constexpr int kRegisterBits = 14;
constexpr std::size_t kRegisters = std::size_t{1} << kRegisterBits;

}  // namespace

DistinctHashes::DistinctHashes(std::uint64_t exact_limit)
    : exact_limit_(exact_limit), slots_(kInitialSlots, 0) {}

void DistinctHashes::insert(std::uint64_t hash) {
  // Switched before the table would grow past what the limit needs.
  if (exact() && size_ >= exact_limit_) start_estimating();
  if (!exact()) return insert_estimate(hash);
  insert_exactly(hash);
}

void DistinctHashes::insert_exactly(std::uint64_t hash) {
  if (hash == 0) {
    if (has_zero_) return;
    has_zero_ = true;
    ++size_;
    return;
  }
  // At most half full, so probes stay short.
  if (2 * (size_ + 1) > slots_.size()) grow();
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    if (slots_[i] == hash) return;
    if (slots_[i] == 0) {
      slots_[i] = hash;
      ++size_;
      return;
    }
  }
}

void DistinctHashes::grow() {
  const std::vector<std::uint64_t> old =
      std::exchange(slots_, std::vector<std::uint64_t>(2 * slots_.size(), 0));
  const std::size_t mask = slots_.size() - 1;
  for (const std::uint64_t hash : old) {
    if (hash == 0) continue;
    std::size_t i = hash & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = hash;
  }
}

void DistinctHashes::start_estimating() {
  registers_.assign(kRegisters, 0);
  if (has_zero_) insert_estimate(0);
  for (const std::uint64_t hash : slots_) {
    if (hash != 0) insert_estimate(hash);
  }
  std::vector<std::uint64_t>().swap(slots_);
}

void DistinctHashes::insert_estimate(std::uint64_t hash) {
  // Mixed again: the estimate needs uniform bits, whatever made the hash.
  const std::uint64_t mixed = sim::mix64(hash ^ 0x6a09e667f3bcc909ULL);
  const std::size_t index = mixed >> (64 - kRegisterBits);
  const std::uint64_t rest = mixed << kRegisterBits;
  const auto rank =
      static_cast<std::uint8_t>(rest == 0 ? 64 - kRegisterBits + 1 : std::countl_zero(rest) + 1);
  if (rank > registers_[index]) registers_[index] = rank;
}

std::uint64_t DistinctHashes::size() const {
  if (exact()) return size_;
  const double m = static_cast<double>(kRegisters);
  double sum = 0;
  std::size_t zeros = 0;
  for (const std::uint8_t rank : registers_) {
    sum += std::ldexp(1.0, -rank);
    if (rank == 0) ++zeros;
  }
  const double alpha = 0.7213 / (1 + 1.079 / m);
  double estimate = alpha * m * m / sum;
  // Linear counting where the raw estimate is known to be biased.
  if (estimate <= 2.5 * m && zeros != 0) estimate = m * std::log(m / static_cast<double>(zeros));
  return static_cast<std::uint64_t>(std::llround(estimate));
}

std::uint64_t DistinctHashes::bytes() const {
  return slots_.capacity() * sizeof(std::uint64_t) + registers_.capacity();
}

}  // namespace aion::cli
