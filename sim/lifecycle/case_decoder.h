// A lifecycle case from bytes: the first eight are the run's seed (little-endian), then the
// scenario is drawn from the bytes that follow (scenario::ByteDraws over draw_scenario, the
// decoder the seeded sampler and RapidCheck share), and each byte left is one choice of the
// generated schedule (its value modulo 4, at most kMaxDecodedChoices, as campaigns draw them).
// Every input decodes to a valid case, the same case each time; a short one to a small case.
// A decoded case is written back as a failure file like any other.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "sim/lifecycle/lifecycle_case.h"
#include "sim/scenario/scenario_sampler.h"

namespace aion::lifecycle {

inline constexpr std::size_t kMaxDecodedChoices = 400;

LifecycleCase decode_case(std::span<const std::uint8_t> bytes,
                          const scenario::Profile& profile = scenario::builtin_mix());

}  // namespace aion::lifecycle
