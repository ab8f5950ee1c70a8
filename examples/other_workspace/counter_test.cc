// Another Bazel workspace testing its own code with aion (the README's "Test your own code"):
// built and run by .ci/run, from this directory, as `bazel test //...`.
#include "platform/std_types.h"
#include "sim/check/gtest.h"
#include "sim/engine/check.h"

// Two threads increment a counter. With counter.store(counter.load() + 1) instead, an
// update can be lost, and the test fails with the report below.
AION_SIM_TEST(Counter, IncrementsAreNotLost) {
  aion::atomic<int> counter{0};
  auto bump = [&] { counter.fetch_add(1); };
  aion::thread a(bump), b(bump);
  a.join();
  b.join();
  aion::sim::check(counter.load() == 2, "an increment was lost");
}
