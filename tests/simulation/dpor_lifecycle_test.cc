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
#include "sim/lifecycle/class_count.h"
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
  // A yield the extra_yield fault forces costs runs that repeat a class (dpor_explorer.h).
  if (text.find("extra_yield") == std::string::npos) {
    EXPECT_EQ(reduced.runs - dpor.blocked_runs(), reduced.classes.size()) << text;
  }
  EXPECT_LE(reduced.runs, expected.runs) << text;
  EXPECT_FALSE(expected.failed || reduced.failed) << text;
}

const char* const kPrefix = "config schedulers=1 tombstones=2\nprefix\n  spawn complete\n";

TEST(DporOnTheRuntime, WalksEveryClassThatEveryScheduleReaches) {
  for (const std::string& text :
       {std::string(kPrefix) + "branch\n  cancel p0\n",
        // Faults decided by each thread's own opportunities keep equivalent runs equivalent.
        std::string("config schedulers=1 tombstones=2 faults=thread_start_fails:200,"
                    "wakeup_delayed:200,extra_yield:200,spurious_wakeup:200\nprefix\n"
                    "  spawn complete\nbranch\n  cancel p0\n"),
        // A forced yield alone: the fiber it sets aside could have gone first in another run
        // (dpor and por walked 3 of these 10 classes before they knew).
        std::string("config schedulers=1 tombstones=2 faults=extra_yield:200\nprefix\n"
                    "  spawn complete\nbranch\n  cancel p0\n"),
        std::string("config schedulers=1 tombstones=2 faults=extra_yield:100\nprefix\n"
                    "  spawn complete\nbranch\n  cancel p0\n"),
        std::string("config schedulers=1\nbranch\n  spawn complete\n")}) {
    sim::ExhaustiveExplorer every(1000);
    expect_dpor_reaches_what(every, text);
  }
}

// Sleep sets alone have the same trap: the fiber a forced yield sets aside could have gone
// first in another run, so what sleeps there must not end the run.
TEST(DporOnTheRuntime, SleepSetsAloneReachEveryClassWithForcedYields) {
  for (const char* faults : {"extra_yield:200", "extra_yield:100"}) {
    const LifecycleCase c = case_of(std::string("config schedulers=1 tombstones=2 faults=") +
                                    faults + "\nprefix\n  spawn complete\nbranch\n  cancel p0\n");
    sim::ExhaustiveExplorer every(1000);
    sim::SleepSetExplorer por;
    EXPECT_EQ(walk(c, por, 300'000).classes, walk(c, every, 300'000).classes) << faults;
  }
}

TEST(DporOnTheRuntime, ReachesWhatSleepSetsAloneReach) {
  for (const char* branches :
       {"branch\n  monitor p0\n", "branch\n  spawn complete\nbranch\n  cancel p0\n"}) {
    sim::SleepSetExplorer por;
    expect_dpor_reaches_what(por, std::string(kPrefix) + branches);
  }
}

// What `aionsim classes` reports: exact once the walk ends; when it cannot within the budget,
// at least what it walked, and an estimate whose error covers the true count (the runtime's
// happens-before is sound: its linear extensions are the schedules of a class).
TEST(DporOnTheRuntime, CountsClassesExactlyOrAtLeastWithAnEstimate) {
  const LifecycleCase c = case_of(std::string(kPrefix) + "branch\n  cancel p0\n");
  const ClassCount exact = count_classes(c, {});
  EXPECT_TRUE(exact.exact);
  EXPECT_EQ(exact.classes, 16u);
  EXPECT_EQ(exact.runs, 16u);
  EXPECT_EQ(exact.probes, 0u);

  ClassCountOptions short_walk;
  short_walk.max_runs = 5;
  const ClassCount partial = count_classes(c, short_walk);
  EXPECT_FALSE(partial.exact);
  EXPECT_EQ(partial.classes, 5u);
  EXPECT_EQ(partial.probes, short_walk.probes);
  EXPECT_EQ(partial.counted_probes, short_walk.probes);
  EXPECT_GT(partial.standard_error, 0.0);
  EXPECT_NEAR(partial.estimate, 16.0, 4 * partial.standard_error);

  ClassCountOptions bounded;
  bounded.bound = 0;
  const ClassCount without_preemptions = count_classes(c, bounded);
  EXPECT_TRUE(without_preemptions.exact);
  EXPECT_LT(without_preemptions.classes, 16u);
  EXPECT_GE(without_preemptions.classes, 1u);
}

// A monitor installed on a process that exits has as many classes as the orders of its
// critical sections that matter: one more lock taken only to find nothing to do (as the
// install's own search for finished monitor threads once did) doubles them (402 then), and
// a lock per scheduler thread started, to count it, added half again (207 then).
TEST(DporOnTheRuntime, AMonitorOnAnExitingProcessHasNoNeedlessClasses) {
  const ClassCount count =
      count_classes(case_of(std::string(kPrefix) + "branch\n  monitor p0\n"), {});
  EXPECT_TRUE(count.exact);
  EXPECT_EQ(count.classes, 138u);
}

}  // namespace
}  // namespace aion::lifecycle
