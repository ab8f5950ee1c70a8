// aion::sim::check on small bodies: a failure is found, written, reported with its replay line
// and replays as recorded; its file round-trips and refuses to be cut short or replayed for
// another test; the environment's options take precedence and bad ones are refused; dpor
// covers a body; main's return ends a run as exit() does, and threads left running are a
// finding on request.
#include "sim/check/check.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <variant>

#include "platform/std_types.h"
#include "sim/check/check_file.h"
#include "sim/engine/check.h"

namespace aion::sim {
namespace {

// Two threads increment a counter with a load and a store: an update can be lost.
void lost_update() {
  aion::atomic<int> counter{0};
  auto bump = [&] { counter.store(counter.load() + 1); };
  aion::thread a(bump), b(bump);
  a.join();
  b.join();
  sim::check(counter.load() == 2, "an increment was lost");
}

void safe_update() {
  aion::atomic<int> counter{0};
  auto bump = [&] { counter.fetch_add(1); };
  aion::thread a(bump), b(bump);
  a.join();
  b.join();
  sim::check(counter.load() == 2, "an increment was lost");
}

CheckOptions options_named(const std::string& name) {
  CheckOptions options;
  options.name = name;
  options.failure_dir = ::testing::TempDir();
  return options;
}

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(Check, FindsWritesReportsAndReplaysAFailure) {
  const CheckResult found = check(lost_update, options_named("Check.LostUpdate"));
  ASSERT_FALSE(found.passed());
  EXPECT_NE(found.report.find("an increment was lost"), std::string::npos) << found.report;
  EXPECT_NE(found.report.find("aion::thread#"), std::string::npos) << found.report;
  EXPECT_NE(found.report.find("replay: AION_REPLAY=" + found.failure_file), std::string::npos);
  const auto parsed = parse_check_file(read(found.failure_file));
  ASSERT_TRUE(std::holds_alternative<CheckFile>(parsed)) << std::get<std::string>(parsed);
  const CheckFile& file = std::get<CheckFile>(parsed);
  EXPECT_EQ(file.test, "Check.LostUpdate");
  EXPECT_EQ(file.build, this_build());
  EXPECT_NE(file.build.find("exe:"), std::string::npos);
  EXPECT_EQ(parse_check_file(render_check_file(file)), parsed);

  CheckOptions again = options_named("Check.LostUpdate");
  again.replay = found.failure_file;
  const CheckResult replayed = check(lost_update, again);
  EXPECT_FALSE(replayed.passed());
  EXPECT_EQ(replayed.runs, 1u);
  EXPECT_NE(replayed.report.find("trace: as recorded"), std::string::npos) << replayed.report;
  EXPECT_EQ(replayed.report.find("another build"), std::string::npos) << replayed.report;

  // The same file as another build of the test recorded it: said, and replayed all the same.
  CheckFile other_build = file;
  other_build.build = "aion-sim/1 exe:0123456789abcdef";
  again.replay = ::testing::TempDir() + "/other-build.aioncheck";
  std::ofstream(again.replay) << render_check_file(other_build);
  const CheckResult elsewhere = check(lost_update, again);
  EXPECT_NE(elsewhere.report.find("recorded by another build of the test"), std::string::npos)
      << elsewhere.report;
  EXPECT_NE(elsewhere.report.find("trace: as recorded"), std::string::npos) << elsewhere.report;
}

// The lost update after work that a random walk preempts all over; unchecked, the same
// scheduling points and nothing that fails.
void noisy_update(bool checked) {
  aion::atomic<int> counter{0};
  auto bump = [&] {
    for (int i = 0; i < 12; ++i) aion::this_thread::yield();
    counter.store(counter.load() + 1);
  };
  aion::thread a(bump), b(bump);
  a.join();
  b.join();
  sim::check(!checked || counter.load() == 2, "an increment was lost");
}

void lost_update_after_noise() { noisy_update(true); }

TEST(Check, ShrinksAFailureToThePreemptionsItNeeds) {
  CheckOptions options = options_named("Check.Shrunk");
  options.strategy = "random";
  options.shrink_runs = 0;
  const CheckResult raw = check(lost_update_after_noise, options);
  ASSERT_FALSE(raw.passed());
  const std::size_t before = count_preemptions(raw.failure->schedule);
  EXPECT_GT(before, 4u);
  options.shrink_runs = 1000;
  const CheckResult shrunk = check(lost_update_after_noise, options);
  ASSERT_FALSE(shrunk.passed());
  EXPECT_NE(shrunk.report.find("shrunk: " + std::to_string(before) + " -> "), std::string::npos)
      << shrunk.report;
  // At most two preemptions lose an update: into one thread's load-store window and, when the
  // threads were taken in the other order, back (a choice that is not a preemption stays).
  EXPECT_LE(count_preemptions(shrunk.failure->schedule), 2u) << shrunk.report;
  EXPECT_NE(shrunk.failure->message.find("an increment was lost"), std::string::npos);
  // The file written is the shrunk run, and it replays as recorded.
  const CheckFile file = read_check_file(shrunk.failure_file);
  EXPECT_EQ(file.trace_hash, shrunk.failure->trace_hash);
  CheckOptions again = options;
  again.replay = shrunk.failure_file;
  const CheckResult replayed = check(lost_update_after_noise, again);
  EXPECT_NE(replayed.report.find("trace: as recorded"), std::string::npos) << replayed.report;
}

TEST(Check, ShrinksTheRunOfAFileGivenAndLeavesTheFileAsItIs) {
  CheckOptions options = options_named("Check.ShrunkLater");
  options.strategy = "random";
  options.shrink_runs = 0;
  const CheckResult raw = check(lost_update_after_noise, options);
  ASSERT_FALSE(raw.passed());
  const CheckFile given = read_check_file(raw.failure_file);
  const std::size_t before = count_preemptions(given.schedule);

  CheckOptions later = options_named("Check.ShrunkLater");
  later.shrink = raw.failure_file;
  const CheckResult shrunk = check(lost_update_after_noise, later);
  ASSERT_FALSE(shrunk.passed());
  EXPECT_EQ(shrunk.runs, 1u);
  EXPECT_NE(shrunk.report.find("found in the file " + raw.failure_file), std::string::npos)
      << shrunk.report;
  EXPECT_NE(shrunk.failure_file, raw.failure_file);
  const CheckFile file = read_check_file(shrunk.failure_file);
  EXPECT_LT(count_preemptions(file.schedule), before);
  EXPECT_EQ(file.run, given.run);
  EXPECT_EQ(read_check_file(raw.failure_file), given);

  // A run that passes now has nothing to shrink, nor one that parts from its recording; a
  // crashed run has no schedule to shrink.
  CheckOptions fixed = later;
  const CheckResult passes = check([] { noisy_update(false); }, fixed);
  EXPECT_TRUE(passes.passed());
  EXPECT_NE(passes.report.find("its run passes now"), std::string::npos) << passes.report;
  const CheckResult parts = check(
      [] {
        aion::atomic<int> counter{0};
        auto bump = [&] { counter.store(counter.load() + 1); };
        aion::thread a(bump), b(bump), c(bump);
        a.join();
        b.join();
        c.join();
      },
      fixed);
  EXPECT_FALSE(parts.passed());
  EXPECT_NE(parts.report.find("parts from its recording"), std::string::npos) << parts.report;
  CheckFile crashed = given;
  crashed.outcome = "crashed";
  crashed.schedule.clear();
  fixed.shrink = ::testing::TempDir() + "/crashed.aioncheck";
  std::ofstream(fixed.shrink) << render_check_file(crashed);
  EXPECT_THROW(check(lost_update_after_noise, fixed), std::invalid_argument);
}

TEST(Check, DrawsTheFailingRunAsAPageAndAPerfettoTrace) {
  CheckOptions options = options_named("Check.Drawn");
  options.html = ::testing::TempDir() + "/drawn.html";
  options.perfetto = ::testing::TempDir() + "/drawn.json";
  const CheckResult found = check(lost_update, options);
  ASSERT_FALSE(found.passed());
  EXPECT_NE(found.report.find("page: " + options.html), std::string::npos) << found.report;
  const std::string page = read(options.html);
  EXPECT_NE(page.find("<b>Failure:</b>check failed in fiber `main`: an increment was lost"),
            std::string::npos);
  EXPECT_NE(page.find("<td>seed</td>"), std::string::npos);
  EXPECT_NE(page.find("aion::thread#1"), std::string::npos);
  EXPECT_EQ(page.find("<h2>Scenario</h2>"), std::string::npos);
  EXPECT_NE(read(options.perfetto).find("aion::thread#1"), std::string::npos);

  options.html = ::testing::TempDir() + "/no-such-dir/drawn.html";
  options.perfetto.clear();
  const CheckResult unwritable = check(lost_update, options);
  EXPECT_NE(unwritable.report.find("page: cannot write"), std::string::npos) << unwritable.report;
}

TEST(Check, RefusesAFileCutShortOrOfAnotherTest) {
  const CheckResult found = check(lost_update, options_named("Check.Original"));
  ASSERT_FALSE(found.passed());
  CheckOptions other = options_named("Check.Other");
  other.replay = found.failure_file;
  EXPECT_THROW(check(lost_update, other), std::invalid_argument);
  const std::string text = read(found.failure_file);
  EXPECT_TRUE(std::holds_alternative<std::string>(parse_check_file(text.substr(0, 40))));
  std::string changed = text;
  changed[text.find("seed ") + 5] = '9';
  EXPECT_TRUE(std::holds_alternative<std::string>(parse_check_file(changed)));
}

TEST(Check, PassesACorrectBodyAndDporCoversIt) {
  const CheckResult sampled = check(safe_update, options_named("Check.Safe"));
  EXPECT_TRUE(sampled.passed()) << sampled.report;
  EXPECT_EQ(sampled.runs, 1000u);
  CheckOptions dpor = options_named("Check.SafeDpor");
  dpor.strategy = "dpor";
  const CheckResult walked = check(safe_update, dpor);
  EXPECT_TRUE(walked.passed()) << walked.report;
  EXPECT_TRUE(walked.covered);
  EXPECT_LT(walked.runs, 1000u);
}

TEST(Check, TheEnvironmentTakesPrecedenceAndBadValuesAreRefused) {
  setenv("AION_SEED", "77", 1);
  setenv("AION_RUNS", "12", 1);
  setenv("AION_STRATEGY", "pct:2", 1);
  const CheckOptions options = CheckOptions{}.with_environment();
  EXPECT_EQ(options.seed, 77u);
  EXPECT_EQ(options.runs, 12u);
  EXPECT_EQ(options.strategy, "pct:2");
  setenv("AION_RUNS", "many", 1);
  EXPECT_THROW(CheckOptions{}.with_environment(), std::invalid_argument);
  setenv("AION_RUNS", "12", 1);
  setenv("AION_STRATEGY", "sideways", 1);
  EXPECT_THROW(CheckOptions{}.with_environment(), std::invalid_argument);
  unsetenv("AION_SEED");
  unsetenv("AION_RUNS");
  unsetenv("AION_STRATEGY");
  CheckOptions missing = options_named("Check.Missing");
  missing.replay = ::testing::TempDir() + "/no-such.aioncheck";
  EXPECT_THROW(check(safe_update, missing), std::invalid_argument);
}

// A detached thread that wakes now and then for ever and touches the body's own atomic: the
// body's return ends the run as exit() does, and the thread never runs again (it would touch
// what the return destroyed). Waiting for it would pass the virtual time budget.
void detach_a_waiter() {
  aion::atomic<int> wakes{0};
  aion::thread([&wakes] {
    for (;;) {
      aion::this_thread::sleep_for(std::chrono::minutes(10));
      wakes.fetch_add(1);
    }
  }).detach();
  aion::this_thread::yield();
}

// The run ends while main waits in join(): main unwinds past a thread it never joined, which is
// let go rather than ending the process as std::thread's destructor would.
TEST(Check, ARunEndedWhileMainHoldsAThreadIsAFindingNotATermination) {
  CheckOptions options = options_named("Check.Spinner");
  options.max_steps = 1000;
  options.shrink_runs = 0;
  const CheckResult result = check(
      [] {
        aion::thread spinner([] {
          while (true) aion::this_thread::yield();
        });
        spinner.join();
      },
      options);
  ASSERT_FALSE(result.passed());
  EXPECT_NE(result.failure->outcome, Outcome::kPassed);
}

TEST(Check, MainReturningEndsTheRunAsExitDoesWithNoFinding) {
  CheckOptions options = options_named("Check.Detached");
  options.runs = 200;
  const CheckResult result = check(detach_a_waiter, options);
  EXPECT_TRUE(result.passed()) << result.report;
  EXPECT_EQ(result.runs, 200u);
}

TEST(Check, ThreadsLeftRunningAreAFindingOnRequest) {
  CheckOptions options = options_named("Check.Leaked");
  options.report_threads_left = true;
  const CheckResult result = check(detach_a_waiter, options);
  ASSERT_FALSE(result.passed());
  EXPECT_NE(result.report.find("main returned while threads still ran: `aion::thread#1`"),
            std::string::npos)
      << result.report;
  options.name = "Check.Joined";
  EXPECT_TRUE(check(safe_update, options).passed());
}

}  // namespace
}  // namespace aion::sim
