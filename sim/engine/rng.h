// Deterministic randomness for simulation runs.
//
// Every random choice of a run derives from the run's seed: never the wall clock, addresses or
// std::random_device. Each consumer draws from its own stream, seeded by derive_seed(seed,
// stream name), so adding a consumer (a fault site, a strategy) never shifts the numbers an
// existing one sees. Rng is xoshiro256**, seeded through splitmix64; the same seed gives the
// same sequence on every machine and build.
#pragma once

#include <bit>
#include <cstdint>
#include <string_view>

#include "sim/engine/hash.h"

namespace aion::sim {

// Seed of the stream named `stream` inside the run seeded with `seed`.
constexpr std::uint64_t derive_seed(std::uint64_t seed, std::string_view stream) {
  return mix64(seed ^ hash_text(stream));
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed = 0) { reseed(seed); }

  void reseed(std::uint64_t seed) {
    for (std::uint64_t& word : state_) {
      seed += 0x9e3779b97f4a7c15ULL;
      word = mix64(seed);
    }
  }

  std::uint64_t next() {
    const std::uint64_t result = std::rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = std::rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, bound) for bound > 0 (multiply-shift; the bias is below 2^-64 * bound).
  std::uint64_t below(std::uint64_t bound) {
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * bound) >> 64);
  }

 private:
  std::uint64_t state_[4];
};

}  // namespace aion::sim
