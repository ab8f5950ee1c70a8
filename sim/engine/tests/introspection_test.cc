// What simulated code can learn about itself, for oracles: which thread it runs on, which
// mutexes it holds, and which started threads nobody joined yet.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/engine/simulator.h"

namespace aion::sim {
namespace {

TEST(IntrospectionTest, AThreadKnowsItsNameAndTheMutexesItHolds) {
  Simulator sim;
  std::vector<std::string> seen;
  const RunResult result = sim.run([&](platform::Platform& p) {
    auto outer = p.new_mutex("outer");
    auto inner = p.new_mutex("inner");
    auto cv = p.new_condvar("cv");
    auto describe = [&] {
      const platform::ThreadView view = p.current_thread();
      seen.push_back(std::string(view.name) + "#" + std::to_string(view.id) + ":" +
                     std::to_string(view.mutexes_held) + ":" + std::string(view.last_mutex));
    };
    describe();
    auto worker = p.start_thread("worker", [&] {
      platform::LockGuard a(*outer);
      describe();
      {
        platform::LockGuard b(*inner);
        describe();
        // A wait gives the mutex back while it blocks.
        EXPECT_FALSE(cv->wait_for(*inner, 10));
        describe();
      }
      describe();
    });
    worker.thread->join();
    describe();
  });
  ASSERT_TRUE(result.passed()) << summarize(result);
  EXPECT_EQ(seen, (std::vector<std::string>{"main#0:0:", "worker#1:1:outer", "worker#1:2:inner",
                                            "worker#1:2:inner", "worker#1:1:outer", "main#0:0:"}));
}

TEST(IntrospectionTest, MutexesReleasedOutOfOrderAreForgotten) {
  Simulator sim;
  const RunResult result = sim.run([&](platform::Platform& p) {
    auto a = p.new_mutex("a");
    auto b = p.new_mutex("b");
    a->lock();
    b->lock();
    a->unlock();
    EXPECT_EQ(p.current_thread().mutexes_held, 1u);
    EXPECT_EQ(p.current_thread().last_mutex, "b");
    b->unlock();
    EXPECT_EQ(p.current_thread().mutexes_held, 0u);
  });
  EXPECT_TRUE(result.passed()) << summarize(result);
}

TEST(IntrospectionTest, UnjoinedThreadsAreListedInStartOrder) {
  Simulator sim;
  const RunResult result = sim.run([&](platform::Platform& p) {
    auto first = p.start_thread("first", [] {});
    auto second = p.start_thread("second", [&] { p.sleep_for(100); });
    p.sleep_for(10);
    auto threads = p.unjoined_threads();
    ASSERT_EQ(threads.size(), 2u);
    EXPECT_EQ(threads[0].name, "first");
    EXPECT_TRUE(threads[0].finished);
    EXPECT_EQ(threads[1].name, "second");
    EXPECT_FALSE(threads[1].finished);
    first.thread->join();
    threads = p.unjoined_threads();
    ASSERT_EQ(threads.size(), 1u);
    EXPECT_EQ(threads[0].name, "second");
    second.thread->join();
    EXPECT_TRUE(p.unjoined_threads().empty());
  });
  EXPECT_TRUE(result.passed()) << summarize(result);
}

}  // namespace
}  // namespace aion::sim
