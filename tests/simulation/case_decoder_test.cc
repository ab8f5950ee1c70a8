// The case decoder: every input is a valid case, the same each time; the seed and the
// schedule's choices come from the bytes where the layout says; a decoded case round-trips
// through a failure file; a campaign's seeded stream decodes to the scenario the sampler draws.
#include "sim/lifecycle/case_decoder.h"

#include <gtest/gtest.h>

#include <variant>
#include <vector>

#include "sim/engine/rng.h"
#include "sim/lifecycle/case_runner.h"
#include "sim/lifecycle/failure_file.h"

namespace aion::lifecycle {
namespace {

std::vector<std::uint8_t> random_bytes(std::uint64_t seed, std::size_t size) {
  sim::Rng rng(seed);
  std::vector<std::uint8_t> bytes(size);
  for (auto& byte : bytes) byte = static_cast<std::uint8_t>(rng.below(256));
  return bytes;
}

TEST(CaseDecoder, EveryInputIsAValidCaseTheSameEachTime) {
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    const auto bytes = random_bytes(seed, seed % 97);
    const LifecycleCase once = decode_case(bytes);
    EXPECT_EQ(scenario::validate(once.scenario), std::nullopt) << seed;
    EXPECT_EQ(decode_case(bytes), once) << seed;
  }
}

TEST(CaseDecoder, AnEmptyInputIsThePlainestCase) {
  const LifecycleCase empty = decode_case({});
  EXPECT_EQ(empty.seed, 0u);
  EXPECT_TRUE(empty.choices.empty());
  EXPECT_EQ(empty.scenario.prefix.size(), 1u);  // one spawn, nothing else drawn
}

TEST(CaseDecoder, TheSeedLeadsAndLeftOverBytesAreChoices) {
  std::vector<std::uint8_t> bytes = {1, 2, 0, 0, 0, 0, 0, 0};
  EXPECT_EQ(decode_case(bytes).seed, 0x0201u);
  bytes.resize(4096, 7);
  const LifecycleCase c = decode_case(bytes);
  EXPECT_EQ(c.choices.size(), kMaxDecodedChoices);
  for (const std::uint32_t choice : c.choices) EXPECT_EQ(choice, 3u);
}

TEST(CaseDecoder, ADecodedCaseRunsAndRoundTripsThroughAFailureFile) {
  CaseRunner runner;
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    FailureFile file;
    file.lifecycle_case = decode_case(random_bytes(seed, 300));
    const CaseResult result = runner.run(file.lifecycle_case);
    EXPECT_FALSE(result.failed()) << seed << ": " << result.headline();
    file.schedule = result.run.schedule;
    file.trace_hash = result.run.trace_hash;
    const auto parsed = parse_failure(render_failure(file));
    ASSERT_TRUE(std::holds_alternative<FailureFile>(parsed)) << std::get<std::string>(parsed);
    EXPECT_EQ(std::get<FailureFile>(parsed).lifecycle_case, file.lifecycle_case) << seed;
  }
}

TEST(CaseDecoder, ASeededStreamDecodesTheScenarioTheSamplerDraws) {
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    SeededCaseSource source(seed);
    const LifecycleCase c = decode_case(source, scenario::builtin_mix());
    EXPECT_EQ(c.seed, seed);
    EXPECT_EQ(c.scenario, scenario::sample_scenario(scenario::builtin_mix(), seed)) << seed;
    EXPECT_LE(c.choices.size(), kMaxDecodedChoices);
    for (const std::uint32_t choice : c.choices) EXPECT_LT(choice, kChoiceValues);
    SeededCaseSource again(seed);
    EXPECT_EQ(decode_case(again, scenario::builtin_mix()), c) << seed;
  }
}

TEST(CaseDecoder, AFixedScenarioIsKeptAndChoicesOnlyWhenAsked) {
  SeededCaseSource drawn(3);
  const scenario::Scenario fixed = decode_case(drawn, scenario::builtin_mix()).scenario;
  DecodeOptions options;
  options.fixed_scenario = &fixed;
  options.choices = false;
  SeededCaseSource source(11);
  const LifecycleCase c = decode_case(source, scenario::builtin_mix(), options);
  EXPECT_EQ(c.scenario, fixed);
  EXPECT_EQ(c.seed, 11u);
  EXPECT_TRUE(c.choices.empty());
}

}  // namespace
}  // namespace aion::lifecycle
