#include "sim/cli/distinct_hashes.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <sstream>
#include <utility>
#include <variant>

#include "sim/cli/cli_error.h"
#include "sim/engine/hash.h"
#include "sim/engine/sealed_text.h"
#include "sim/engine/whole_number.h"
#include "sim/lifecycle/failure_file.h"

namespace aion::cli {
namespace {

constexpr std::size_t kInitialSlots = 1024;
constexpr int kRegisterBits = 14;
constexpr std::size_t kRegisters = std::size_t{1} << kRegisterBits;
constexpr std::uint8_t kMaxRank = 64 - kRegisterBits + 1;
constexpr const char* kFileHeader = "aion-classes 1";

}  // namespace

DistinctHashes::DistinctHashes(std::uint64_t exact_limit)
    : exact_limit_(exact_limit), slots_(kInitialSlots, 0) {}

void DistinctHashes::insert(std::uint64_t hash) {
  if (!exact()) return insert_estimate(hash);
  // Switched only when a new hash would pass the limit, so that the state is the set's alone.
  if (size_ >= exact_limit_ && !contains(hash)) {
    start_estimating();
    return insert_estimate(hash);
  }
  insert_exactly(hash);
}

bool DistinctHashes::contains(std::uint64_t hash) const {
  if (hash == 0) return has_zero_;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    if (slots_[i] == hash) return true;
    if (slots_[i] == 0) return false;
  }
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
  const auto rank = static_cast<std::uint8_t>(rest == 0 ? kMaxRank : std::countl_zero(rest) + 1);
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

void DistinctHashes::add(const DistinctHashes& other) {
  if (other.exact()) {
    if (other.has_zero_) insert(0);
    for (const std::uint64_t hash : other.slots_) {
      if (hash != 0) insert(hash);
    }
    return;
  }
  if (exact()) start_estimating();
  for (std::size_t i = 0; i < kRegisters; ++i) {
    registers_[i] = std::max(registers_[i], other.registers_[i]);
  }
}

std::string DistinctHashes::encode() const {
  std::string payload;
  if (exact()) {
    payload.reserve(size_ * sizeof(std::uint64_t));
    auto put = [&](std::uint64_t hash) {
      for (int byte = 0; byte < 8; ++byte) payload += static_cast<char>(hash >> (8 * byte));
    };
    if (has_zero_) put(0);
    for (const std::uint64_t hash : slots_) {
      if (hash != 0) put(hash);
    }
  } else {
    payload.assign(registers_.begin(), registers_.end());
  }
  // The payload ends with a line break so that the end line is a line of its own.
  return sim::seal_text(
      std::string(kFileHeader) + "\n" +
      (exact() ? "exact " + std::to_string(size_) : "estimate " + std::to_string(kRegisters)) +
      "\n" + payload + "\n");
}

DistinctHashes DistinctHashes::decode(const std::string& text, const std::string& where) {
  auto refuse = [&](const std::string& why) { return UsageError(where + ": " + why); };
  const auto body = sim::unseal_text(text);
  if (const auto* why = std::get_if<std::string>(&body)) throw refuse(*why);
  const std::string_view whole = std::get<std::string_view>(body);
  const auto header_end = whole.find('\n');
  if (header_end == std::string_view::npos || whole.substr(0, header_end) != kFileHeader) {
    throw refuse("not a file of distinct classes of this version (it does not begin '" +
                 std::string(kFileHeader) + "')");
  }
  const auto kind_end = whole.find('\n', header_end + 1);
  if (kind_end == std::string_view::npos) throw refuse("its second line is missing");
  std::istringstream kind_line{
      std::string(whole.substr(header_end + 1, kind_end - header_end - 1))};
  std::string kind, count_text, extra;
  kind_line >> kind >> count_text;
  std::uint64_t count = 0;
  const bool counted = sim::parse_whole_number(count_text, count) && !(kind_line >> extra);
  if (whole.back() != '\n') throw refuse("its payload does not end its line");
  const std::string_view payload = whole.substr(kind_end + 1, whole.size() - kind_end - 2);
  DistinctHashes hashes;
  if (kind == "exact" && counted && payload.size() % 8 == 0 && payload.size() / 8 == count) {
    for (std::size_t at = 0; at < payload.size(); at += 8) {
      std::uint64_t hash = 0;
      for (int byte = 7; byte >= 0; --byte) {
        hash = (hash << 8) | static_cast<unsigned char>(payload[at + byte]);
      }
      hashes.insert(hash);
    }
    if (hashes.size() != count) throw refuse("it holds a hash twice");
    return hashes;
  }
  if (kind == "estimate" && counted && count == kRegisters && payload.size() == kRegisters) {
    hashes.start_estimating();
    for (std::size_t i = 0; i < kRegisters; ++i) {
      const auto rank = static_cast<std::uint8_t>(payload[i]);
      if (rank > kMaxRank) throw refuse("register " + std::to_string(i) + " is out of range");
      hashes.registers_[i] = rank;
    }
    return hashes;
  }
  throw refuse("its second line is neither 'exact <hashes>' nor 'estimate " +
               std::to_string(kRegisters) + "' with as many bytes after it");
}

}  // namespace aion::cli
