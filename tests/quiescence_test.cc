// Nothing held at quiescence: once every process exited and every callback
// ran, the runtime holds no completion, spawn heap, NIF state, ledger entry,
// pending monitor or monitor thread, and nothing was released twice.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/test_support.h"

namespace aion::testing {
namespace {

using runtime::Completed;
using runtime::RuntimeConfig;
using runtime::RuntimeCounts;
using runtime::WorkflowProgram;

class QuiescenceTest : public RuntimeTest {
 protected:
  RuntimeConfig config() const override { return RuntimeConfig::with_schedulers(3); }
};

TEST_F(QuiescenceTest, NothingIsHeldOnceEveryMonitoredProcessIsReported) {
  std::vector<Pid> pids;
  for (int i = 0; i < 10; ++i) {
    const std::string tag = std::to_string(i);
    pids.push_back(spawn(WorkflowProgram{}.work(i).complete(tag)));
    pids.push_back(spawn(WorkflowProgram{}.fail(tag)));
    pids.push_back(spawn(WorkflowProgram{}.crash("crash" + tag)));
    pids.push_back(spawn(WorkflowProgram{}.run_until_cancelled()));
    pids.push_back(spawn(WorkflowProgram{}.await_any({1, 2}).complete_with_taken()));
    pids.push_back(
        spawn(WorkflowProgram{}.sleep(platform::kMillisecond).await_all({3}).complete(tag)));
  }
  // Half monitored before anything happens to them, half after.
  for (std::size_t i = 0; i < pids.size(); i += 2) monitor(pids[i]);
  for (std::size_t i = 0; i < pids.size(); i += 6) {
    ASSERT_TRUE(runtime_->cancel_pid(pids[i + 3]).ok());
    deliver(pids[i + 4], 1, "winner");
    // The loser: retained while the process lives, refused once it exited.
    const auto loser = runtime_->deliver_activity_completion(pids[i + 4], 2, "loser");
    EXPECT_TRUE(loser.ok() || loser.error().kind == runtime::ErrorKind::kDeliveryRefused)
        << loser.error();
    deliver(pids[i + 5], 4, "never awaited");
    deliver(pids[i + 5], 3, "awaited");
  }
  for (std::size_t i = 1; i < pids.size(); i += 2) monitor(pids[i]);

  ASSERT_TRUE(recorder_.wait_for_total(pids.size()));
  for (std::size_t i = 0; i < pids.size(); i += 6) {
    EXPECT_TRUE(HasOutcome(recorder_.first(pids[i + 3]), cancelled(pids[i + 3])));
    EXPECT_TRUE(HasOutcome(recorder_.first(pids[i + 4]), Completed{"winner"}));
  }
  const RuntimeCounts counts = await_quiescence(*runtime_, 3);
  EXPECT_EQ(counts, quiescent_counts(counts, 3));
  EXPECT_EQ(counts.tombstones, pids.size());

  ASSERT_TRUE(runtime_->shutdown().ok());
  const RuntimeCounts after = runtime_->counts();
  EXPECT_EQ(after, quiescent_counts(after, 0));
  EXPECT_EQ(recorder_.total(), pids.size());
}

}  // namespace
}  // namespace aion::testing
