#include "sim/lifecycle/case_decoder.h"

#include <algorithm>

namespace aion::lifecycle {
namespace {

constexpr std::size_t kSeedBytes = 8;

std::span<const std::uint8_t> after_seed(std::span<const std::uint8_t> bytes) {
  return bytes.subspan(std::min(bytes.size(), kSeedBytes));
}

}  // namespace

ByteCaseSource::ByteCaseSource(std::span<const std::uint8_t> bytes) : draws_(after_seed(bytes)) {
  const std::size_t seed_bytes = std::min(bytes.size(), kSeedBytes);
  for (std::size_t i = 0; i < seed_bytes; ++i) {
    seed_ |= static_cast<std::uint64_t>(bytes[i]) << (8 * i);
  }
}

std::vector<std::uint32_t> ByteCaseSource::choices() {
  const auto rest = draws_.rest();
  std::vector<std::uint32_t> choices(std::min(rest.size(), kMaxDecodedChoices));
  for (std::size_t i = 0; i < choices.size(); ++i) choices[i] = rest[i] % kChoiceValues;
  return choices;
}

SeededCaseSource::SeededCaseSource(std::uint64_t seed)
    : seed_(seed), draws_(scenario::scenario_draws_of(seed)) {}

std::vector<std::uint32_t> SeededCaseSource::choices() {
  sim::Rng rng(sim::derive_seed(seed_, "choices"));
  std::vector<std::uint32_t> choices(rng.below(kMaxDecodedChoices + 1));
  for (auto& choice : choices) choice = static_cast<std::uint32_t>(rng.below(kChoiceValues));
  return choices;
}

LifecycleCase decode_case(CaseSource& source, const scenario::Profile& profile,
                          const DecodeOptions& options) {
  LifecycleCase c;
  c.seed = source.seed();
  c.scenario = options.fixed_scenario != nullptr
                   ? *options.fixed_scenario
                   : scenario::draw_scenario(profile, source.scenario_draws());
  if (options.choices) c.choices = source.choices();
  return c;
}

LifecycleCase decode_case(std::span<const std::uint8_t> bytes, const scenario::Profile& profile) {
  ByteCaseSource source(bytes);
  return decode_case(source, profile);
}

}  // namespace aion::lifecycle
