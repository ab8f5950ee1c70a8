// Each run of a program is told before it begins as the case that makes it (what a crash
// guard writes if the run kills the process): for guided, a choice list or, for its fresh POS
// runs, the form pos:S; that case, run on its own, is the same run.
#include "sim/lifecycle/program_runs.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "sim/engine/strategy_registry.h"
#include "sim/scenario/scenario_text.h"

namespace aion::lifecycle {
namespace {

TEST(ProgramRuns, EachGuidedRunIsTheCaseAnnouncedBeforeIt) {
  auto parsed = scenario::parse(
      "config schedulers=2 tombstones=2\nprefix\n  spawn complete\n  spawn complete\n"
      "branch\n  cancel p0\n  monitor p1\nbranch\n  monitor p0\n  cancel p1\n");
  ASSERT_TRUE(std::holds_alternative<scenario::Scenario>(parsed));
  LifecycleCase program;
  program.scenario = std::get<scenario::Scenario>(parsed);
  program.seed = 5;
  CaseRunner runner;
  CaseRunner replayer;
  std::optional<LifecycleCase> announced;
  int sampled = 0;
  int runs = 0;
  ProgramCallbacks callbacks;
  callbacks.starting = [&](const LifecycleCase& planned) { announced = planned; };
  callbacks.ran = [&](const LifecycleCase&, const CaseResult& result) {
    ++runs;
    sampled += announced->strategy.kind->name == "pos";
    const CaseResult again = replayer.run(*announced);
    EXPECT_EQ(again.run.trace_hash, result.run.trace_hash)
        << "run " << runs << " announced as " << announced->strategy.text();
    return true;
  };
  run_program(runner, sim::strategy_named("guided:200"), program, {}, 200, callbacks);
  EXPECT_EQ(runs, 200);
  EXPECT_GT(sampled, 10);
  EXPECT_LT(sampled, 150);
}

}  // namespace
}  // namespace aion::lifecycle
