// A user's test binary, as gtest_main_test runs it: one AION_SIM_TEST with a lost update, one
// without, built with //sim/check:gtest_main.
#include "platform/std_types.h"
#include "sim/check/gtest.h"
#include "sim/engine/check.h"

namespace {

void bump_twice(bool atomically) {
  aion::atomic<int> counter{0};
  auto bump = [&] {
    if (atomically) {
      counter.fetch_add(1);
    } else {
      counter.store(counter.load() + 1);
    }
  };
  aion::thread a(bump), b(bump);
  a.join();
  b.join();
  aion::sim::check(counter.load() == 2, "an increment was lost");
}

}  // namespace

AION_SIM_TEST(Demo, LostUpdate) { bump_twice(false); }

AION_SIM_TEST(Demo, AtomicUpdate) { bump_twice(true); }
