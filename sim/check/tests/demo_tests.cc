// A user's test binary, as gtest_main_test runs it: one AION_SIM_TEST with a lost update, one
// without, built with //sim/check:gtest_main; and, run only when asked for, one whose lost
// update takes the process down (an abort) and one whose lost update spins without a
// scheduling point.
#include <atomic>
#include <chrono>
#include <cstdlib>

#include "platform/std_types.h"
#include "sim/check/gtest.h"
#include "sim/engine/check.h"

namespace {

// The count two threads reach, each adding one.
int bumped_twice(bool atomically) {
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
  return counter.load();
}

aion::sim::CheckOptions quick_watchdog() {
  aion::sim::CheckOptions options;
  options.watchdog = std::chrono::milliseconds(300);
  return options;
}

}  // namespace

AION_SIM_TEST(Demo, LostUpdate) {
  aion::sim::check(bumped_twice(false) == 2, "an increment was lost");
}

AION_SIM_TEST(Demo, AtomicUpdate) {
  aion::sim::check(bumped_twice(true) == 2, "an increment was lost");
}

AION_SIM_TEST(DemoLost, AbortsOnALostUpdate) {
  if (bumped_twice(false) != 2) std::abort();
}

AION_SIM_TEST_WITH(DemoLost, SpinsOnALostUpdate, quick_watchdog()) {
  static std::atomic<bool> never{false};
  if (bumped_twice(false) != 2) {
    while (!never.load()) {
    }
  }
}
