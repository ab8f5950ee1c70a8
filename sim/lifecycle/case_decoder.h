// A lifecycle case from a stream, by one decoder: the run's seed first, then the scenario
// (draw_scenario, the decoder the seeded sampler and RapidCheck share), then the choices of
// its generated schedule (each below kChoiceValues, at most kMaxDecodedChoices). Two streams
// feed it: a fuzzer's bytes (ByteCaseSource) and a campaign's seeded generator
// (SeededCaseSource), so that a fuzzer's input and a campaign's unit are cases of one kind.
// Every stream decodes to a valid case, the same case each time; a short input to a small
// case. A decoded case is written back as a failure file like any other.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/engine/rng.h"
#include "sim/lifecycle/lifecycle_case.h"
#include "sim/scenario/byte_draws.h"
#include "sim/scenario/scenario_sampler.h"

namespace aion::lifecycle {

inline constexpr std::size_t kMaxDecodedChoices = 400;
inline constexpr std::uint32_t kChoiceValues = 4;

// The parts of a case in the order the decoder reads them.
class CaseSource {
 public:
  virtual ~CaseSource() = default;
  virtual std::uint64_t seed() = 0;
  virtual scenario::Draws& scenario_draws() = 0;
  virtual std::vector<std::uint32_t> choices() = 0;
};

// The first eight bytes are the seed (little-endian; missing bytes are 0), the scenario's
// draws read the bytes that follow (scenario::ByteDraws), and each byte left is one choice
// (its value modulo kChoiceValues).
class ByteCaseSource final : public CaseSource {
 public:
  explicit ByteCaseSource(std::span<const std::uint8_t> bytes);
  std::uint64_t seed() override { return seed_; }
  scenario::Draws& scenario_draws() override { return draws_; }
  std::vector<std::uint32_t> choices() override;

 private:
  std::uint64_t seed_ = 0;
  scenario::ByteDraws draws_;
};

// A campaign's unit: the seed as given, the scenario from its own stream
// (scenario::scenario_draws_of, as scenario::sample_scenario draws it) and the choices from another
// (derive_seed(seed, "choices"): how many, then each), so that neither moves the other.
class SeededCaseSource final : public CaseSource {
 public:
  explicit SeededCaseSource(std::uint64_t seed);
  std::uint64_t seed() override { return seed_; }
  scenario::Draws& scenario_draws() override { return draws_; }
  std::vector<std::uint32_t> choices() override;

 private:
  std::uint64_t seed_;
  scenario::RngDraws draws_;
};

struct DecodeOptions {
  // The scenario every case has (a campaign's --scenario), instead of one drawn.
  const scenario::Scenario* fixed_scenario = nullptr;
  // Whether the case has a generated schedule (its choices are read), or a strategy's.
  bool choices = true;
};

LifecycleCase decode_case(CaseSource& source, const scenario::Profile& profile,
                          const DecodeOptions& options = {});

LifecycleCase decode_case(std::span<const std::uint8_t> bytes,
                          const scenario::Profile& profile = scenario::builtin_mix());

}  // namespace aion::lifecycle
