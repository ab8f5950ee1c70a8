// The examples built with AION_STD_ALIASES, as production code is: the std-like types are the
// std:: ones, and each fixed twin runs on real threads, many times, without a failed check
// (a failed check in a thread ends the test: std::terminate).
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <type_traits>

#include "examples/example_bodies.h"

namespace examples {
namespace {

static_assert(std::is_same_v<aion::mutex, std::mutex>);
static_assert(std::is_same_v<aion::condition_variable, std::condition_variable_any>);
static_assert(std::is_same_v<aion::thread, std::thread>);
static_assert(std::is_same_v<aion::atomic<int>, std::atomic<int>>);

constexpr int kRuns = 2000;

TEST(Aliases, EachFixedTwinRunsOnRealThreads) {
  for (int run = 0; run < kRuns; ++run) {
    queue_body<true>();
    lazy_body<true>();
    ref_count_body<true>();
    stack_body<true>();
    rw_lock_body<true>();
  }
}

}  // namespace
}  // namespace examples
