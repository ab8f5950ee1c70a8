// The harness's failure path, end to end: a property given a deliberately
// wrong oracle (one that forbids monitoring a process that already exited,
// the misunderstanding behind race class R2) must fail, shrink to a small
// case, write a failure file, and print a replay command; replaying that file
// must give the same trace hash.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "props/property_harness.h"
#include "sim/lifecycle/failure_file.h"
#include "sim/scenario/run_record.h"

namespace aion::props {
namespace {

oracle::Violations forbid_monitoring_exited(const scenario::Scenario&,
                                            const scenario::RunRecord& record) {
  for (const auto& op : record.ops) {
    if (!op.ok || !std::holds_alternative<scenario::op::Monitor>(op.op)) continue;
    for (const auto& event : record.events) {
      if (event.kind == scenario::EventKind::kExitPublished && event.pid == op.pid &&
          event.seq < op.invoked) {
        return {{oracle::Invariant::kLinearizable,
                 "a monitor was accepted for exited process " + std::to_string(op.pid),
                 {op.invoked}}};
      }
    }
  }
  return {};
}

PropertySpec broken_spec() {
  PropertySpec spec;
  spec.name = "broken_oracle";
  spec.profile.shapes = {scenario::Shape::kComplete, scenario::Shape::kFail};
  spec.profile.monitor = 4;
  spec.default_cases = 300;
  spec.options.judge = forbid_monitoring_exited;
  return spec;
}

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(BrokenOracle, FailsShrinksAndReplaysToTheSameTraceHash) {
  const PropertySpec spec = broken_spec();
  const PropertyOutcome outcome = run_property(spec);
  ASSERT_FALSE(outcome.passed) << "a wrong oracle went unnoticed in " << outcome.cases << " cases";
  EXPECT_NE(outcome.report.find("property broken_oracle failed: linearizable"), std::string::npos)
      << outcome.report;
  EXPECT_NE(outcome.report.find("bazel run //:aionsim -- replay"), std::string::npos);
  EXPECT_NE(outcome.report.find("timeline of the failing run"), std::string::npos);

  ASSERT_FALSE(outcome.failure_file.empty());
  auto parsed = lifecycle::parse_failure(read(outcome.failure_file));
  ASSERT_TRUE(std::holds_alternative<lifecycle::FailureFile>(parsed))
      << std::get<std::string>(parsed);
  const auto& file = std::get<lifecycle::FailureFile>(parsed);
  EXPECT_EQ(file.expect_invariant, "linearizable");
  // Shrunk: a spawn, something to let it exit, and the monitor.
  EXPECT_LE(file.lifecycle_case.scenario.operation_count(), 4u) << lifecycle::render_failure(file);

  lifecycle::CaseRunner runner;
  const auto replayed = runner.run(file.lifecycle_case, spec.options);
  EXPECT_EQ(replayed.invariant(), "linearizable");
  EXPECT_EQ(replayed.run.trace_hash, file.trace_hash);
}

// The same budget with the real oracle finds nothing in the correct runtime.
TEST(BrokenOracle, TheSameBudgetWithTheRealOracleFindsNothing) {
  PropertySpec spec = broken_spec();
  spec.name = "real_oracle_same_budget";
  spec.options.judge = nullptr;
  const PropertyOutcome outcome = run_property(spec);
  EXPECT_TRUE(outcome.passed) << outcome.report;
}

}  // namespace
}  // namespace aion::props
