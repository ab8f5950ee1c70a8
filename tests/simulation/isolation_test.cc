// A case run in a child process survives whatever its code does to its process: a crash
// is a finding (kCrashed, saying how it died and how far it got), code that never reaches
// its next scheduling point is stopped by the watchdog (kHung), and a case that runs fine
// gives the same run as in the parent's process. Crashing cases shrink like any other.
#include <gtest/gtest.h>

#include <string>

#include "sim/lifecycle/case_runner.h"
#include "sim/lifecycle/case_shrinker.h"
#include "sim/scenario/scenario_text.h"

namespace aion::lifecycle {
namespace {

using runtime::Defect;

LifecycleCase case_of(const std::string& ops) {
  auto parsed = scenario::parse("config schedulers=1 tombstones=2\nprefix\n" + ops);
  EXPECT_TRUE(std::holds_alternative<scenario::Scenario>(parsed))
      << std::get<scenario::ParseError>(parsed).describe();
  LifecycleCase c;
  c.scenario = std::get<scenario::Scenario>(parsed);
  return c;
}

CaseOptions isolated(Defect defect) {
  CaseOptions options;
  options.isolate = true;
  options.watchdog = std::chrono::milliseconds(2000);
  options.runtime.defects = runtime::RuntimeDefects::only(defect);
  return options;
}

bool mentions(const CaseResult& result, const std::string& words) {
  return result.run.message.find(words) != std::string::npos;
}

// How a read through a null pointer ends: the signal, or the sanitizers' own report.
bool a_segfault(const CaseResult& result) {
  return mentions(result, "SIGSEGV") || mentions(result, "SEGV") ||
         mentions(result, "null pointer");
}

TEST(Isolation, ASegmentationFaultIsACrashFindingThatSaysHowFarTheRunGot) {
  CaseRunner runner;
  const CaseResult result = runner.run(case_of("  spawn until_cancelled\n  recent_exit p0\n"),
                                       isolated(Defect::kCrashSegfault));
  ASSERT_EQ(result.run.outcome, sim::Outcome::kCrashed) << result.headline();
  EXPECT_EQ(result.invariant(), "crashed");
  EXPECT_TRUE(a_segfault(result)) << result.headline();
  EXPECT_GT(result.run.steps, 0u);
  EXPECT_TRUE(mentions(result, "after scheduling point " + std::to_string(result.run.steps)));
}

TEST(Isolation, AnAbortIsACrash) {
  CaseRunner runner;
  const CaseResult result = runner.run(case_of("  spawn complete\n  settle\n  cancel p0\n"),
                                       isolated(Defect::kCrashAbort));
  ASSERT_EQ(result.run.outcome, sim::Outcome::kCrashed) << result.headline();
  EXPECT_TRUE(mentions(result, "SIGABRT")) << result.headline();
}

TEST(Isolation, AStackOverflowIsACrash) {
  CaseRunner runner;
  const CaseResult result =
      runner.run(case_of("  is_live 9999\n"), isolated(Defect::kCrashStackOverflow));
  ASSERT_EQ(result.run.outcome, sim::Outcome::kCrashed) << result.headline();
  EXPECT_TRUE(a_segfault(result) || mentions(result, "stack-overflow")) << result.headline();
}

TEST(Isolation, CodeThatSpinsWithoutASchedulingPointIsHung) {
  CaseRunner runner;
  const CaseResult result = runner.run(case_of("  spawn complete\n  settle\n  deliver p0 1\n"),
                                       isolated(Defect::kSpinWithoutYield));
  ASSERT_EQ(result.run.outcome, sim::Outcome::kHung) << result.headline();
  EXPECT_EQ(result.invariant(), "hung");
  EXPECT_TRUE(mentions(result, "watchdog")) << result.headline();
}

TEST(Isolation, ACaseThatRunsFineIsTheSameRunInAChild) {
  CaseRunner runner;
  const LifecycleCase c = case_of("  spawn complete\n  monitor p0\n  counts\n");
  CaseOptions options;
  const CaseResult here = runner.run(c, options);
  options.isolate = true;
  const CaseResult there = runner.run(c, options);
  EXPECT_TRUE(there.run.passed()) << there.headline();
  EXPECT_EQ(there.run.trace_hash, here.run.trace_hash);
  EXPECT_EQ(there.run.schedule, here.run.schedule);
  EXPECT_EQ(there.marks.counts, here.marks.counts);
}

TEST(Isolation, ACrashShrinksToWhatCausesIt) {
  CaseRunner runner;
  const LifecycleCase c = case_of(
      "  spawn complete\n  spawn until_cancelled\n  monitor p0\n  counts\n  is_live p1\n"
      "  recent_exit p1\n  monitor p1\n");
  const CaseOptions options = isolated(Defect::kCrashSegfault);
  ASSERT_EQ(runner.run(c, options).invariant(), "crashed");
  const ShrinkResult shrunk = shrink_case(runner, c, options, 200);
  EXPECT_EQ(shrunk.result.invariant(), "crashed");
  // The spawn before p1 stays: dropping it would make the other ops name another process.
  EXPECT_LE(shrunk.smallest.scenario.operation_count(), 3u)
      << scenario::render(shrunk.smallest.scenario);
}

}  // namespace
}  // namespace aion::lifecycle
