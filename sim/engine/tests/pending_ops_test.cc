// What a strategy sees of the fibers it chooses among: each enabled fiber with the operation it
// does next. A fiber waiting for a mutex is enabled exactly while the mutex is free, and the one
// chosen takes it: no fiber is resumed only to find the mutex taken and block again, so a
// contended mutex costs no decisions that the program does not have.
#include <gtest/gtest.h>

#include <vector>

#include "sim/engine/hash.h"
#include "sim/engine/random_strategy.h"
#include "sim/engine/simulator.h"
#include "sim/engine/tests/programs.h"

namespace aion::sim {
namespace {

// Keeps the decisions it was asked, and chooses by a seeded random walk.
class Recording final : public Strategy {
 public:
  struct Seen {
    std::vector<std::uint32_t> enabled;
    std::vector<PendingOp> pending;
    std::size_t current_position = 0;
  };
  void begin_run(std::uint64_t seed) override { random_.begin_run(seed); }
  std::size_t choose(const Decision& decision) override {
    Seen entry{{decision.enabled.begin(), decision.enabled.end()}, {}, decision.current_position};
    for (std::size_t i = 0; i < decision.enabled.size(); ++i) {
      entry.pending.push_back(decision.pending(i));
    }
    seen.push_back(std::move(entry));
    return random_.choose(decision);
  }
  std::string describe() const override { return "recording"; }
  std::vector<Seen> seen;

 private:
  RandomStrategy random_;
};

TEST(PendingOpsTest, EachEnabledFiberComesWithWhatItDoesNext) {
  Simulator sim;
  Recording recording;
  const RunResult result = sim.run(
      [](platform::Platform& p) {
        auto a = p.start_thread("a", [&p] { p.yield_point("a.step"); });
        p.yield_point("main.step");
        a.thread->join();
      },
      RunOptions().with_seed(3).with_strategy(&recording));
  ASSERT_TRUE(result.passed()) << summarize(result);
  ASSERT_FALSE(recording.seen.empty());
  // At main's yield point: main yields there, `a` has not run yet.
  const Recording::Seen& first = recording.seen.front();
  ASSERT_EQ(first.enabled, (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(first.pending[0].op, Op::kYield);
  EXPECT_EQ(first.pending[0].object, hash_text("main.step"));
  EXPECT_EQ(first.pending[1].op, Op::kStartThread);
  EXPECT_EQ(first.pending[1].object, hash_text("a"));
  for (const Recording::Seen& seen : recording.seen) {
    ASSERT_EQ(seen.pending.size(), seen.enabled.size());
  }
}

TEST(PendingOpsTest, AWaiterIsEnabledOnlyWhileItsMutexIsFree) {
  Simulator sim;
  std::uint64_t offered_locks = 0;
  for (std::uint64_t seed = 1; seed <= 50; ++seed) {
    Recording recording;
    const RunResult result = sim.run(testing::contended_mutex(4, 3),
                                     RunOptions().with_seed(seed).with_strategy(&recording));
    ASSERT_TRUE(result.passed()) << summarize(result);
    const std::uint64_t mutex = hash_text("contended.mutex");
    for (const Recording::Seen& seen : recording.seen) {
      // A fiber about to lock the mutex is offered only while nobody holds it: never beside
      // the holder, who is inside (at its yield point there) or at its unlock.
      std::size_t inside = 0, locking = 0;
      for (const PendingOp& op : seen.pending) {
        if (op.object == hash_text("contended.inside") ||
            (op.op == Op::kUnlock && op.object == mutex)) {
          ++inside;
        }
        if (op.op == Op::kLock && op.object == mutex) ++locking;
      }
      EXPECT_FALSE(inside > 0 && locking > 0) << "seed " << seed;
      offered_locks += locking;
    }
  }
  // Waiters were offered, so the check above had something to judge.
  EXPECT_GT(offered_locks, 0u);
}

// No fiber is switched to only to block again before it did anything: that is a wake-up the
// program never had (a fiber woken to retry a mutex somebody else took).
TEST(PendingOpsTest, NoFiberIsResumedOnlyToBlockAgain) {
  Simulator sim;
  std::uint64_t decisions = 0;
  for (std::uint64_t seed = 1; seed <= 50; ++seed) {
    RandomStrategy random;
    const RunResult result =
        sim.run(testing::contended_mutex(8, 5),
                RunOptions().with_seed(seed).with_strategy(&random).with_trace());
    ASSERT_TRUE(result.passed()) << summarize(result);
    decisions += result.schedule.size();
    for (std::size_t i = 0; i + 1 < result.trace.size(); ++i) {
      const Event& to = result.trace[i];
      const Event& away = result.trace[i + 1];
      if (to.op != Op::kSwitch || away.op != Op::kSwitch) continue;
      EXPECT_FALSE(away.object == to.fiber_name && away.reason == SwitchReason::kBlocked)
          << "seed " << seed << ": " << to.fiber_name << " resumed at step " << to.step
          << " and blocked again at once";
    }
  }
  // 8 threads x 5 rounds, each round a lock, a yield and an unlock: a few decisions each.
  EXPECT_LT(decisions / 50, 8u * 5u * 4u) << decisions / 50 << " decisions per run";
}

}  // namespace
}  // namespace aion::sim
