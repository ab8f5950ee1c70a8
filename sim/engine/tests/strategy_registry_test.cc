// The strategy registry: one text form per strategy, its bounds checked in one place, every
// form a run prints building a strategy that makes that run again, and a strategy added from
// outside the table (one file, one line) parsed and built like the built-in ones.
#include "sim/engine/strategy_registry.h"

#include <gtest/gtest.h>

#include "sim/engine/simulator.h"
#include "sim/engine/tests/programs.h"

namespace aion::sim {
namespace {

std::string error_of(std::string_view text) {
  const auto parsed = parse_strategy(text);
  return std::holds_alternative<std::string>(parsed) ? std::get<std::string>(parsed) : "";
}

TEST(StrategyRegistry, EachTextFormParsesBackToItself) {
  for (const char* text : {"random", "pct:3", "pct:3:212", "exhaustive:0", "generated"}) {
    const StrategySpec spec = strategy_named(text);
    EXPECT_EQ(spec.text(), text);
    EXPECT_EQ(strategy_named(spec.text()), spec);
  }
  EXPECT_TRUE(strategy_named("exhaustive:2").systematic());
  EXPECT_FALSE(strategy_named("pct:2").systematic());
  EXPECT_FALSE(strategy_named("pct:2").is_complete());
  EXPECT_TRUE(strategy_named("pct:2:50").is_complete());
  EXPECT_TRUE(strategy_named("random").is_complete());
}

TEST(StrategyRegistry, SaysWhatIsWrongWithABadForm) {
  EXPECT_EQ(error_of("walk"),
            "'walk' is not a strategy (mix[:K], random, pct:D[:K], pos[:S], exhaustive:K, delay:K, "
            "por, dpor[:K], guided[:N] or generated)");
  EXPECT_EQ(error_of("pct:11"), "strategy pct:D[:K]: D (depth) must be between 1 and 10, not '11'");
  EXPECT_EQ(error_of("pct:"), "strategy pct:D[:K]: D (depth) must be between 1 and 10, not ''");
  EXPECT_EQ(error_of("pct:x"), "strategy pct:D[:K]: D (depth) must be between 1 and 10, not 'x'");
  EXPECT_EQ(error_of("pct:2:0"),
            "strategy pct:D[:K]: K (decisions) must be between 1 and 100000000, not '0'");
  EXPECT_EQ(error_of("pct"), "strategy pct:D[:K] needs D (depth, between 1 and 10), not 'pct'");
  EXPECT_EQ(error_of("random:1"), "strategy random takes 0 parameters, not 'random:1'");
  EXPECT_EQ(error_of("exhaustive:1:2"),
            "strategy exhaustive:K takes 1 parameter, not 'exhaustive:1:2'");
  EXPECT_EQ(error_of("exhaustive:-1"),
            "strategy exhaustive:K: K (preemptions) must be between 0 and 3, not '-1'");
  EXPECT_EQ(error_of("pct:99999999999999999999"),
            "strategy pct:D[:K]: D (depth) must be between 1 and 10, not "
            "'99999999999999999999'");
}

// What a sampling strategy's run prints is a complete form that makes the same run from the
// same seed, even where the strategy learned a parameter from earlier runs.
TEST(StrategyRegistry, TheFormARunPrintsReplaysTheRun) {
  Simulator sim;
  const testing::Program program = testing::yielders(3, 6);
  for (const char* text : {"random", "pct:2", "pct:3:7"}) {
    const std::unique_ptr<Strategy> learning = build_strategy(strategy_named(text));
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
      const RunResult first =
          sim.run(program, RunOptions().with_seed(seed).with_strategy(learning.get()));
      const StrategySpec printed = strategy_named(first.strategy);
      EXPECT_TRUE(printed.is_complete()) << first.strategy;
      const std::unique_ptr<Strategy> fresh = build_strategy(printed);
      const RunResult again =
          sim.run(program, RunOptions().with_seed(seed).with_strategy(fresh.get()));
      EXPECT_EQ(again.trace_hash, first.trace_hash) << text << " printed " << first.strategy;
      EXPECT_EQ(again.strategy, first.strategy);
    }
  }
}

TEST(StrategyRegistry, PctIsCalibratedFromTheLongestRunItWasShown) {
  const StrategyKind& pct = *strategy_named("pct:2").kind;
  const std::uint64_t decisions[] = {12, 40, 7};
  EXPECT_EQ(pct.calibrate(strategy_named("pct:2"), decisions).text(), "pct:2:40");
  EXPECT_EQ(pct.calibrate(strategy_named("pct:2"), {}).text(), "pct:2:1");
}

// The shortest strategy there is, added from outside the table as a new one would be.
class FirstEnabled final : public Strategy {
 public:
  void begin_run(std::uint64_t) override {}
  std::size_t choose(const Decision&) override { return 0; }
  std::string describe() const override { return "first"; }
};

const StrategyKind& first_enabled_kind() {
  static const StrategyKind kind = [] {
    StrategyKind k;
    k.name = "first";
    k.summary = "always the lowest enabled fiber";
    k.build = [](const StrategySpec&, const StrategyInputs&) -> std::unique_ptr<Strategy> {
      return std::make_unique<FirstEnabled>();
    };
    return k;
  }();
  return kind;
}

TEST(StrategyRegistry, AStrategyAddedFromOutsideIsParsedListedAndBuilt) {
  add_strategy_kind(first_enabled_kind());
  EXPECT_EQ(strategy_kinds().back(), &first_enabled_kind());
  EXPECT_NE(strategy_grammars().find("generated or first"), std::string::npos)
      << strategy_grammars();
  const std::unique_ptr<Strategy> built = build_strategy(strategy_named("first"));
  Simulator sim;
  const RunResult run =
      sim.run(testing::yielders(2, 3), RunOptions().with_seed(1).with_strategy(built.get()));
  EXPECT_TRUE(run.passed()) << summarize(run);
  EXPECT_EQ(run.strategy, "first");
  EXPECT_THROW(add_strategy_kind(first_enabled_kind()), std::logic_error);
}

}  // namespace
}  // namespace aion::sim
