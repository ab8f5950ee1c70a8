// Tombstones and the exit ledger: recent_exit answers from a bounded FIFO of
// recent exits without consuming anything, and churn evicts the oldest;
// a monitor's outcome comes from the exactly-once ledger, so an evicted
// tombstone never loses or changes it (race class R7).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "tests/test_support.h"

namespace aion::testing {
namespace {

using runtime::Completed;
using runtime::RuntimeConfig;
using runtime::RuntimeCounts;
using runtime::WorkflowProgram;

class TombstoneTest : public RuntimeTest {
 protected:
  RuntimeConfig config() const override {
    RuntimeConfig config = RuntimeConfig::with_schedulers(2);
    config.tombstone_capacity = 2;
    return config;
  }

  // Spawns `n` processes that complete at once and waits until all left.
  void churn(int n) {
    std::vector<Pid> pids;
    for (int i = 0; i < n; ++i) pids.push_back(spawn(WorkflowProgram{}.complete("churn")));
    for (const Pid pid : pids) {
      ASSERT_TRUE(eventually([&] { return !runtime_->is_live(pid); }));
      monitor(pid);
    }
  }
};

TEST_F(TombstoneTest, RecentExitReportsTheOutcomeWithoutConsumingIt) {
  const Pid pid = spawn(WorkflowProgram{}.fail("remembered"));
  ASSERT_TRUE(eventually([&] { return runtime_->recent_exit(pid).has_value(); }));
  EXPECT_EQ(runtime_->recent_exit(pid), returned_error(pid, "remembered"));
  EXPECT_EQ(runtime_->recent_exit(pid), returned_error(pid, "remembered"));
  monitor(pid);
  EXPECT_TRUE(HasOutcome(outcome(pid), returned_error(pid, "remembered")));
  EXPECT_EQ(runtime_->recent_exit(pid), returned_error(pid, "remembered"));
}

TEST_F(TombstoneTest, RecentExitKnowsNothingOfLiveOrNeverSpawnedPids) {
  const Pid live = spawn_monitored(WorkflowProgram{}.run_until_cancelled());
  EXPECT_EQ(runtime_->recent_exit(live), std::nullopt);
  EXPECT_EQ(runtime_->recent_exit(live + 1), std::nullopt);
  EXPECT_EQ(runtime_->recent_exit(0), std::nullopt);
  ASSERT_TRUE(runtime_->cancel_pid(live).ok());
  EXPECT_EQ(runtime_->recent_exit(live), cancelled(live));
}

TEST_F(TombstoneTest, ChurnEvictsTheOldestTombstones) {
  const Pid first = spawn(WorkflowProgram{}.complete("first"));
  ASSERT_TRUE(eventually([&] { return !runtime_->is_live(first); }));
  monitor(first);
  churn(5);
  const RuntimeCounts counts = runtime_->counts();
  EXPECT_EQ(counts.tombstones, 2u);
  EXPECT_EQ(counts.tombstone_evictions, 4u);  // 6 exits, room for 2
  EXPECT_EQ(runtime_->recent_exit(first), std::nullopt);
  EXPECT_TRUE(HasOutcome(outcome(first), Completed{"first"}));
}

TEST_F(TombstoneTest, MonitorAfterEvictionStillReportsTheRealOutcome) {
  const Pid pid = spawn(WorkflowProgram{}.work(3).crash("noproc"));
  ASSERT_TRUE(eventually([&] { return !runtime_->is_live(pid); }));
  churn(8);
  ASSERT_EQ(runtime_->recent_exit(pid), std::nullopt) << "the tombstone was not evicted";
  EXPECT_GE(runtime_->counts().tombstone_evictions, 1u);
  monitor(pid);
  EXPECT_TRUE(HasOutcome(outcome(pid), crashed(pid, "noproc")));
}

TEST_F(TombstoneTest, MonitorWaitingWhileChurnFollowsTheExitReportsTheRealOutcome) {
  // The monitor waits on a live pid; its exit is followed at once by churn
  // from another thread, which may evict its tombstone before the monitor
  // thread wakes. The monitor must neither hang nor make an outcome up.
  for (int round = 0; round < 20; ++round) {
    const Pid pid = spawn_monitored(WorkflowProgram{}.await_all({1}).complete_with_taken());
    std::atomic<bool> go{false};
    std::vector<Pid> churned;
    std::thread churner([&] {
      while (!go.load()) std::this_thread::yield();
      for (int i = 0; i < 10; ++i) {
        auto spawned = runtime_->spawn(WorkflowProgram{}.complete("churn"));
        if (spawned.ok()) churned.push_back(spawned.value());
      }
    });
    go = true;
    deliver(pid, 1, "real-" + std::to_string(round));
    churner.join();
    EXPECT_TRUE(HasOutcome(outcome(pid), Completed{"real-" + std::to_string(round)}));
    for (const Pid other : churned) monitor(other);
  }
  EXPECT_GE(runtime_->counts().tombstone_evictions, 1u);
}

}  // namespace
}  // namespace aion::testing
