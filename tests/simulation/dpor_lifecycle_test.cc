// dpor on the runtime itself: on scenarios small enough to run every schedule, the classes
// that dpor walks (one complete run each) are the classes that every schedule reaches, and
// por (sleep sets alone) reaches the same. The runtime and its recorder are where footprints
// can hide (notes that an oracle orders, threads started inside a critical section, waits
// that release a lock), so agreement here is what the engine's own programs cannot show.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "sim/engine/dpor_explorer.h"
#include "sim/engine/exhaustive_explorer.h"
#include "sim/engine/sleep_set_explorer.h"
#include "sim/lifecycle/case_runner.h"
#include "sim/scenario/scenario_text.h"

namespace aion::lifecycle {
namespace {

LifecycleCase case_of(const std::string& text) {
  auto parsed = scenario::parse(text);
  EXPECT_TRUE(std::holds_alternative<scenario::Scenario>(parsed)) << text;
  LifecycleCase c;
  c.scenario = std::get<scenario::Scenario>(parsed);
  c.seed = 1;
  return c;
}

struct Walk {
  std::set<std::uint64_t> classes;
  std::uint64_t runs = 0;
  std::uint64_t complete_runs = 0;
  bool failed = false;
};

Walk walk(const LifecycleCase& c, sim::Strategy& strategy, std::uint64_t limit) {
  CaseRunner runner;
  Walk result;
  for (; strategy.wants_run(result.runs) && result.runs < limit; ++result.runs) {
    const auto outcome = runner.run_with(c, strategy, {});
    result.classes.insert(outcome.run.class_hash);
    result.failed = result.failed || outcome.failed();
  }
  EXPECT_TRUE(strategy.covered()) << strategy.describe() << " after " << result.runs << " runs";
  return result;
}

// dpor's walk of `text` reaches exactly the classes of `reference`'s walk, one complete run
// each, in no more runs.
void expect_dpor_reaches_what(sim::Strategy& reference, const std::string& text) {
  const LifecycleCase c = case_of(text);
  const Walk expected = walk(c, reference, 300'000);
  sim::DporExplorer dpor;
  const Walk reduced = walk(c, dpor, 300'000);
  EXPECT_EQ(reduced.classes, expected.classes) << reference.describe() << ": " << text;
  EXPECT_EQ(reduced.runs - dpor.blocked_runs(), reduced.classes.size()) << text;
  EXPECT_LE(reduced.runs, expected.runs) << text;
  EXPECT_FALSE(expected.failed || reduced.failed) << text;
}

const char* const kPrefix = "config schedulers=1 tombstones=2\nprefix\n  spawn complete\n";

TEST(DporOnTheRuntime, WalksEveryClassThatEveryScheduleReaches) {
  for (const std::string& text : {std::string(kPrefix) + "branch\n  cancel p0\n",
                                  std::string("config schedulers=1\nbranch\n  spawn complete\n")}) {
    sim::ExhaustiveExplorer every(1000);
    expect_dpor_reaches_what(every, text);
  }
}

TEST(DporOnTheRuntime, ReachesWhatSleepSetsAloneReach) {
  for (const char* branches :
       {"branch\n  monitor p0\n", "branch\n  spawn complete\nbranch\n  cancel p0\n"}) {
    sim::SleepSetExplorer por;
    expect_dpor_reaches_what(por, std::string(kPrefix) + branches);
  }
}

}  // namespace
}  // namespace aion::lifecycle
