// Draws read from a byte string, so that a fuzzer's bytes (or a corpus file's) decode into a
// scenario by the same draw_scenario that the seeded sampler and RapidCheck drive. Each draw
// takes the fewest whole bytes that can hold its range (one below 256 alternatives), read
// little-endian and reduced modulo the range; past the end every draw is 0, the plainest
// choice, so a short input is a small scenario and any input decodes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "sim/scenario/scenario_sampler.h"

namespace aion::scenario {

class ByteDraws final : public Draws {
 public:
  explicit ByteDraws(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}

  std::uint64_t in_range(std::uint64_t low, std::uint64_t high) override {
    return low + pick(high - low);
  }
  std::uint64_t pick(std::uint64_t count) override;

  // Bytes read so far (at most the input's length).
  std::size_t consumed() const { return next_ < bytes_.size() ? next_ : bytes_.size(); }
  std::span<const std::uint8_t> rest() const { return bytes_.subspan(consumed()); }

 private:
  std::span<const std::uint8_t> bytes_;
  std::size_t next_ = 0;
};

}  // namespace aion::scenario
