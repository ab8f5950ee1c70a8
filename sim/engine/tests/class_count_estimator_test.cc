// Knuth's estimator over por's tree: exact where every path weighs the same, and within a few
// standard errors of the true count elsewhere (a fixed seed: the test does not flake).
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

TEST(ClassCountEstimator, OneClassIsEstimatedExactly) {
  const ClassCountEstimator e = estimate(writers(1, 3), 50);
  EXPECT_EQ(e.probes(), 50u);
  EXPECT_DOUBLE_EQ(e.estimate(), 1.0);
  EXPECT_DOUBLE_EQ(e.standard_error(), 0.0);
}

TEST(ClassCountEstimator, EstimatesAreNearTheCountsDporCovers) {
  for (const auto& [threads, writes] : {std::pair{2, 3}, std::pair{3, 2}, std::pair{2, 5}}) {
    const testing::Program program = writers(threads, writes);
    const double exact = static_cast<double>(classes_by_dpor(program));
    const ClassCountEstimator e = estimate(program, 4000);
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
