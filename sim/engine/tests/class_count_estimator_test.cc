// Knuth's estimator over every schedule, weighed by class size: exact where one schedule is
// all there is, and within a few standard errors of dpor's count elsewhere (a fixed seed: the
// test does not flake); the downsets it counts orders over are bounded.
#include "sim/engine/class_count_estimator.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "sim/engine/dpor_explorer.h"
#include "sim/engine/simulator.h"
#include "sim/engine/tests/programs.h"

namespace aion::sim {
namespace {

testing::Program writers(int threads, int writes) {
  return [threads, writes](platform::Platform& p) {
    std::vector<std::unique_ptr<platform::Thread>> started;
    for (int i = 0; i < threads; ++i) {
      started.push_back(p.start_thread("t" + std::to_string(i), [&p, writes] {
                           for (int j = 0; j < writes; ++j) {
                             p.access("x", platform::Access::kWrite);
                           }
                         }).thread);
    }
    for (auto& thread : started) thread->join();
  };
}

std::size_t classes_by_dpor(const testing::Program& program) {
  Simulator sim;
  DporExplorer dpor;
  std::set<std::uint64_t> classes;
  for (std::uint64_t runs = 0; dpor.wants_run(runs); ++runs) {
    classes.insert(sim.run(program, RunOptions().with_seed(1).with_strategy(&dpor)).class_hash);
  }
  return classes.size();
}

ClassCountEstimator estimate(const testing::Program& program, int probes) {
  Simulator sim;
  ClassCountEstimator estimator;
  for (int i = 0; i < probes; ++i) {
    sim.run(program, RunOptions().with_seed(1).with_strategy(&estimator));
  }
  return estimator;
}

TEST(ClassCountEstimator, OneScheduleIsEstimatedExactly) {
  const ClassCountEstimator e = estimate(writers(1, 3), 50);
  EXPECT_EQ(e.probes(), 50u);
  EXPECT_EQ(e.counted_probes(), 50u);
  EXPECT_NEAR(e.estimate(), 1.0, 1e-9);
  EXPECT_NEAR(e.standard_error(), 0.0, 1e-9);
}

TEST(ClassCountEstimator, IndependentThreadsAreOneClass) {
  // Many schedules, one class: each probe's weight is its probability's inverse over the
  // class's size, and their mean is 1.
  const testing::Program program = testing::yielders(3, 3);
  ASSERT_EQ(classes_by_dpor(program), 1u);
  const ClassCountEstimator e = estimate(program, 4000);
  EXPECT_NEAR(e.estimate(), 1.0, 4 * e.standard_error() + 1e-9);
}

TEST(ClassCountEstimator, LeavesOutWhatItCannotCount) {
  Simulator sim;
  ClassCountEstimator estimator(/*max_level=*/1);
  for (int i = 0; i < 20; ++i) {
    sim.run(writers(3, 2), RunOptions().with_seed(1).with_strategy(&estimator));
  }
  EXPECT_EQ(estimator.probes(), 20u);
  EXPECT_EQ(estimator.counted_probes(), 0u);
  EXPECT_EQ(estimator.estimate(), 0.0);
}

TEST(ClassCountEstimator, EstimatesAreNearTheCountsDporCovers) {
  for (const auto& [threads, writes] : {std::pair{2, 3}, std::pair{3, 2}, std::pair{2, 5}}) {
    const testing::Program program = writers(threads, writes);
    const double exact = static_cast<double>(classes_by_dpor(program));
    const ClassCountEstimator e = estimate(program, 4000);
    EXPECT_EQ(e.counted_probes(), 4000u);
    EXPECT_GT(e.standard_error(), 0.0);
    EXPECT_NEAR(e.estimate(), exact, 4 * e.standard_error() + 1e-9)
        << threads << " threads, " << writes << " writes: " << exact << " classes";
  }
  // The lost wake-up's handshake: condvars and locks, not only accesses.
  const double exact = static_cast<double>(classes_by_dpor(testing::lost_wakeup(true)));
  const ClassCountEstimator e = estimate(testing::lost_wakeup(true), 4000);
  EXPECT_NEAR(e.estimate(), exact, 4 * e.standard_error() + 1e-9);
}

}  // namespace
}  // namespace aion::sim
