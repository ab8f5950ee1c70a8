// Lifecycle cases: a seeded run and its choice list are the same run; failure
// files round-trip and refuse what they cannot mean; the shrinker keeps the
// failure while it cuts.
#include <gtest/gtest.h>

#include "props/scenario_generators.h"
#include "sim/engine/sealed_text.h"
#include "sim/engine/strategy_registry.h"
#include "sim/lifecycle/case_runner.h"
#include "sim/lifecycle/case_shrinker.h"
#include "sim/lifecycle/failure_file.h"
#include "sim/lifecycle/step_budget.h"
#include "sim/scenario/scenario_text.h"

namespace aion::lifecycle {
namespace {

TEST(LifecycleCase, ASeededRunAndItsChoiceListAreTheSameRun) {
  CaseRunner runner;
  for (std::uint64_t seed = 0; seed < 40; ++seed) {
    LifecycleCase c = props::sample_case(props::builtin_mix(), seed);
    c.strategy = sim::strategy_named(seed % 2 ? "random" : "pct:3");
    const auto seeded = runner.run(c);
    const auto generated = runner.run(as_generated(c, seeded.run.schedule));
    ASSERT_EQ(seeded.run.trace_hash, generated.run.trace_hash) << "seed " << seed;
    ASSERT_EQ(seeded.run.faults.injected, generated.run.faults.injected);
  }
}

// A case is one run: it names a sampling strategy, never a search over many runs.
TEST(LifecycleCase, ACaseNamesASamplingStrategyOnly) {
  EXPECT_TRUE(std::holds_alternative<sim::StrategySpec>(parse_case_strategy("pct:3:500")));
  EXPECT_TRUE(std::holds_alternative<sim::StrategySpec>(parse_case_strategy("generated")));
  const auto exhaustive = parse_case_strategy("exhaustive:2");
  ASSERT_TRUE(std::holds_alternative<std::string>(exhaustive));
  EXPECT_NE(std::get<std::string>(exhaustive).find("generated choices"), std::string::npos);
  EXPECT_TRUE(std::holds_alternative<std::string>(parse_case_strategy("walk")));
}

FailureFile sample_file() {
  FailureFile file;
  file.lifecycle_case = props::sample_case(props::builtin_mix(), 3);
  file.lifecycle_case.choices = {0, 2, 1};
  file.expect_invariant = "no-lost-wakeup";
  file.violation = "the monitor of process 2 was still waiting";
  file.trace_hash = 0x0123456789abcdefULL;
  return file;
}

TEST(FailureFile, RoundTrips) {
  const FailureFile file = sample_file();
  auto parsed = parse_failure(render_failure(file));
  ASSERT_TRUE(std::holds_alternative<FailureFile>(parsed)) << std::get<std::string>(parsed);
  EXPECT_EQ(std::get<FailureFile>(parsed), file);
}

TEST(FailureFile, AViolationOverSeveralLinesKeepsToItsLine) {
  FailureFile file = sample_file();
  file.violation = "the runs parted:\n  first run:  a\n  second run: b";
  auto parsed = parse_failure(render_failure(file));
  ASSERT_TRUE(std::holds_alternative<FailureFile>(parsed)) << std::get<std::string>(parsed);
  EXPECT_EQ(std::get<FailureFile>(parsed).violation,
            "the runs parted: | first run:  a | second run: b");
}

std::string error_of(const std::string& text) {
  auto parsed = parse_failure(text);
  return std::holds_alternative<std::string>(parsed) ? std::get<std::string>(parsed) : "";
}

// The text of a failure file without its end line, and sealed again after an edit.
std::string unsealed(const std::string& text) { return text.substr(0, text.rfind("end ")); }

TEST(FailureFile, RefusesOtherVersionsAndDamage) {
  const std::string text = render_failure(sample_file());
  EXPECT_NE(error_of("").find("empty"), std::string::npos);
  EXPECT_NE(error_of("hello\n").find("not an aion failure file"), std::string::npos);
  std::string other_format = text;
  other_format.replace(0, text.find('\n'), "aion-failure 0");
  EXPECT_NE(error_of(other_format).find("format '0'"), std::string::npos);
  std::string other_build = unsealed(text);
  const std::string build = lifecycle::kBuildIdentity;
  other_build.replace(other_build.find(build), build.size(), "aion-runtime/0");
  EXPECT_NE(error_of(sim::seal_text(other_build)).find("recorded against runtime build"),
            std::string::npos);
  std::string bad_seed = unsealed(text);
  bad_seed.replace(bad_seed.find("seed "), 6, "seed -");
  EXPECT_NE(error_of(sim::seal_text(bad_seed)).find("seed"), std::string::npos);
}

// Cut anywhere, at a line or not, or changed in one byte: the end line tells.
TEST(FailureFile, RefusesAFileCutShortOrChangedAnywhere) {
  const std::string text = render_failure(sample_file());
  ASSERT_TRUE(std::holds_alternative<FailureFile>(parse_failure(text)));
  for (std::size_t cut = 1; cut < text.size(); ++cut) {
    const std::string problem = error_of(text.substr(0, cut));
    ASSERT_FALSE(problem.empty()) << "cut at byte " << cut << " was accepted";
  }
  for (std::size_t at = 0; at + 1 < text.size(); at += 7) {
    std::string changed = text;
    changed[at] = changed[at] == 'x' ? 'y' : 'x';
    ASSERT_FALSE(error_of(changed).empty()) << "a change at byte " << at << " was accepted";
  }
  EXPECT_NE(error_of(unsealed(text)).find("cut short"), std::string::npos);
}

TEST(FailureFile, RefusesChoicesThatTellAnotherRunThanTheSchedule) {
  FailureFile file = sample_file();
  file.lifecycle_case.strategy = LifecycleCase{}.strategy;
  file.schedule = {sim::Choice{4, 1, 2, sim::ChoiceKind::kSchedule, {}, true}};
  file.lifecycle_case.choices = {1};
  EXPECT_TRUE(std::holds_alternative<FailureFile>(parse_failure(render_failure(file))));
  file.lifecycle_case.choices = {2};
  EXPECT_NE(error_of(render_failure(file)).find("do not tell the same run"), std::string::npos);
}

TEST(CaseShrinker, CutsAFailingCaseWhileItStillFails) {
  CaseOptions options;
  // Any run in which process 1 exited "fails": the smallest such case is one spawn.
  options.judge = [](const scenario::Scenario&, const scenario::RunRecord& record) {
    for (const auto& event : record.events) {
      if (event.kind == scenario::EventKind::kExitPublished && event.pid == 1) {
        return oracle::Violations{{oracle::Invariant::kPlausibleExit, "process 1 exited", {}}};
      }
    }
    return oracle::Violations{};
  };
  CaseRunner runner;
  LifecycleCase c = props::sample_case(props::builtin_mix(), 11, 100);
  ASSERT_TRUE(runner.run(c, options).failed());
  const auto shrunk = shrink_case(runner, c, options);
  EXPECT_EQ(shrunk.result.invariant(), "plausible-exit");
  EXPECT_LE(shrunk.smallest.scenario.operation_count(), 1u)
      << scenario::render(shrunk.smallest.scenario);
  EXPECT_TRUE(shrunk.smallest.scenario.branches.empty());
  EXPECT_TRUE(shrunk.smallest.choices.empty());
}

// The causal step keeps a run's class and outcome and drops the preemptions that only
// reorder independent events: over random-walk runs of the mix, never more preemptions, the
// same class, and fewer in most runs that had any.
TEST(CaseShrinker, DropsPreemptionsThatOnlyReorderIndependentEvents) {
  CaseRunner runner;
  std::size_t with_preemptions = 0, fewer = 0;
  for (std::uint64_t seed = 0; seed < 30; ++seed) {
    LifecycleCase c = props::sample_case(props::builtin_mix(), seed);
    c.strategy = sim::strategy_named("random");
    const CaseResult seeded = runner.run(c);
    const LifecycleCase generated = as_generated(c, seeded.run.schedule);
    const LifecycleCase dropped = drop_independent_preemptions(runner, generated, {}, 400);
    const CaseResult after = runner.run(dropped);
    ASSERT_EQ(after.run.class_hash, seeded.run.class_hash) << "seed " << seed;
    ASSERT_EQ(after.run.outcome, seeded.run.outcome) << "seed " << seed;
    const std::size_t before_count = preemptions_of(seeded), after_count = preemptions_of(after);
    EXPECT_LE(after_count, before_count) << "seed " << seed;
    if (before_count == 0) continue;
    ++with_preemptions;
    fewer += after_count < before_count ? 1 : 0;
  }
  ASSERT_GT(with_preemptions, 10u);
  EXPECT_GT(fewer * 2, with_preemptions) << fewer << " of " << with_preemptions;
}

// A long scenario loses most of itself in halving chunks first: two operations
// that matter among two thousand are found in a few hundred candidate runs, where
// one removal at a time would need thousands.
TEST(CaseShrinker, HalvesALongScenarioBeforeCuttingOneOperationAtATime) {
  CaseOptions options;
  // The case "fails" while it delivers correlation 7 and also cancels something.
  options.judge = [](const scenario::Scenario& s, const scenario::RunRecord&) {
    bool delivers = false, cancels = false;
    for (const auto& branch : s.branches) {
      for (const auto& op : branch) {
        if (const auto* deliver = std::get_if<scenario::op::Deliver>(&op)) {
          delivers |= deliver->correlation == 7;
        }
        cancels |= std::holds_alternative<scenario::op::Cancel>(op);
      }
    }
    return delivers && cancels
               ? oracle::Violations{{oracle::Invariant::kPlausibleExit, "planted", {}}}
               : oracle::Violations{};
  };
  LifecycleCase c;
  c.scenario.prefix = {scenario::op::Spawn{scenario::Shape::kUntilCancelled}};
  c.scenario.branches.resize(2);
  for (int i = 0; i < 1000; ++i) {
    c.scenario.branches[0].push_back(scenario::op::Counts{});
    c.scenario.branches[1].push_back(scenario::op::Counts{});
  }
  c.scenario.branches[0][613] = scenario::op::Deliver{scenario::Target{true, 0}, 7};
  c.scenario.branches[1][222] = scenario::op::Cancel{scenario::Target{true, 0}};
  CaseRunner runner;
  ASSERT_TRUE(runner.run(c, options).failed());
  const auto shrunk = shrink_case(runner, c, options, 300);
  EXPECT_EQ(shrunk.result.invariant(), "plausible-exit");
  EXPECT_LE(shrunk.smallest.scenario.operation_count(), 3u)
      << scenario::render(shrunk.smallest.scenario);
  EXPECT_LE(shrunk.runs, 300u);
}

scenario::Scenario script(const std::string& text) {
  auto parsed = scenario::parse(text);
  EXPECT_TRUE(std::holds_alternative<scenario::Scenario>(parsed))
      << std::get<scenario::ParseError>(parsed).describe();
  return std::get<scenario::Scenario>(parsed);
}

// Twelve thousand short processes keep the run busy past its step budget, but
// every one of them is progress: a long run, and the budget it needs is known.
TEST(LifecycleCase, AChurnOfTwelveThousandIsALongRunNotALivelock) {
  std::string text = "config schedulers=4 tombstones=1\nprefix\n  spawn complete\n";
  for (int b = 0; b < 3; ++b) {
    text += "branch\n";
    for (int i = 0; i < 4; ++i) text += "  churn 1000\n";
  }
  LifecycleCase c;
  c.scenario = script(text);
  CaseRunner runner;
  const CaseResult result = runner.run(c);
  ASSERT_EQ(result.run.outcome, sim::Outcome::kLongRun) << result.headline();
  EXPECT_EQ(result.invariant(), "long-run");
  EXPECT_NE(result.headline().find("still making progress"), std::string::npos);
  const auto steps = steps_to_finish(runner, c, CaseOptions{}, 64 * CaseOptions{}.max_steps);
  ASSERT_TRUE(steps.has_value());
  CaseOptions enough;
  enough.max_steps = suggested_budget(*steps);
  EXPECT_GT(enough.max_steps, *steps);
  EXPECT_FALSE(runner.run(c, enough).failed()) << runner.run(c, enough).headline();
}

// A scheduler thread that polls instead of waiting keeps running when there is
// nothing to do: no progress, fairly scheduled, so a livelock naming it.
TEST(LifecycleCase, APollingSchedulerIsALivelockNamingIt) {
  LifecycleCase c;
  c.scenario = script("config schedulers=1\nprefix\n  spawn complete\n  monitor p0\n");
  CaseOptions options;
  options.runtime.defects = runtime::RuntimeDefects::only(runtime::Defect::kSchedulerPolls);
  CaseRunner runner;
  const CaseResult result = runner.run(c, options);
  ASSERT_EQ(result.run.outcome, sim::Outcome::kLivelock) << result.headline();
  EXPECT_NE(result.headline().find("fiber `aion-scheduler-0` ("), std::string::npos)
      << result.headline();
  EXPECT_NE(result.headline().find("`scheduler.idle`"), std::string::npos) << result.headline();
}

}  // namespace
}  // namespace aion::lifecycle
