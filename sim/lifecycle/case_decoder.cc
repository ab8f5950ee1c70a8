#include "sim/lifecycle/case_decoder.h"

#include <algorithm>

#include "sim/scenario/byte_draws.h"

namespace aion::lifecycle {

LifecycleCase decode_case(std::span<const std::uint8_t> bytes, const scenario::Profile& profile) {
  LifecycleCase c;
  const std::size_t seed_bytes = std::min<std::size_t>(bytes.size(), 8);
  for (std::size_t i = 0; i < seed_bytes; ++i) {
    c.seed |= static_cast<std::uint64_t>(bytes[i]) << (8 * i);
  }
  scenario::ByteDraws draws(bytes.subspan(seed_bytes));
  c.scenario = scenario::draw_scenario(profile, draws);
  const auto rest = draws.rest();
  const std::size_t choices = std::min(rest.size(), kMaxDecodedChoices);
  c.choices.reserve(choices);
  for (std::size_t i = 0; i < choices; ++i) c.choices.push_back(rest[i] % 4u);
  return c;
}

}  // namespace aion::lifecycle
