// RealPlatform answers the introspection questions the simulator answers, so that oracles
// work on real threads too: the calling thread's name and held mutexes, and the started
// threads nobody joined yet.
#include "platform/real_platform.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>

namespace aion::platform {
namespace {

TEST(RealPlatform, AThreadKnowsItsNameAndTheMutexesItHolds) {
  RealPlatform platform;
  auto outer = platform.new_mutex("outer");
  auto inner = platform.new_mutex("inner");
  auto cv = platform.new_condvar("cv");
  EXPECT_EQ(platform.current_thread().name, "main");
  std::string seen;
  auto worker = platform.start_thread("worker-1", [&] {
    LockGuard a(*outer);
    LockGuard b(*inner);
    const ThreadView view = platform.current_thread();
    seen = std::string(view.name) + ":" + std::to_string(view.mutexes_held) + ":" +
           std::string(view.last_mutex);
    (void)cv->wait_for(*inner, 1000);
    seen += "|" + std::to_string(platform.current_thread().mutexes_held);
  });
  ASSERT_TRUE(worker.ok()) << worker.error;
  worker.thread->join();
  EXPECT_EQ(seen, "worker-1:2:inner|2");
  EXPECT_EQ(platform.current_thread().mutexes_held, 0u);
}

TEST(RealPlatform, UnjoinedThreadsAreListedUntilJoined) {
  RealPlatform platform;
  std::atomic<bool> release{false};
  auto quick = platform.start_thread("quick", [] {});
  auto slow = platform.start_thread("slow", [&] {
    while (!release) {
    }
  });
  ASSERT_TRUE(quick.ok() && slow.ok());
  auto threads = platform.unjoined_threads();
  ASSERT_EQ(threads.size(), 2u);
  EXPECT_EQ(threads[0].name, "quick");
  EXPECT_EQ(threads[1].name, "slow");
  EXPECT_FALSE(threads[1].finished);
  quick.thread->join();
  threads = platform.unjoined_threads();
  ASSERT_EQ(threads.size(), 1u);
  EXPECT_EQ(threads[0].name, "slow");
  release = true;
  slow.thread->join();
  EXPECT_TRUE(platform.unjoined_threads().empty());
}

}  // namespace
}  // namespace aion::platform
