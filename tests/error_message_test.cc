// Every refusal that concerns a pid names it, as "process <pid>", and says
// why: a person reading the message can act on it.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "tests/test_support.h"

namespace aion::testing {
namespace {

using runtime::ErrorKind;
using runtime::WorkflowProgram;

class ErrorMessageTest : public RuntimeTest {
 protected:
  struct Seen {
    ErrorKind kind;
    Pid pid;
    std::string message;
  };

  template <typename T>
  void expect_refused(const runtime::Result<T>& result, ErrorKind kind, Pid pid) {
    ASSERT_TRUE(IsRefusal(result, kind)) << "process " << pid;
    seen_.push_back({kind, pid, result.error().message});
  }

  std::vector<Seen> seen_;
};

TEST_F(ErrorMessageTest, EveryRefusalNamesThePid) {
  // Enough processes that pids have two digits: "process 1" must not be
  // found in "process 12".
  std::vector<Pid> pids;
  for (int i = 0; i < 12; ++i) pids.push_back(spawn(WorkflowProgram{}.run_until_cancelled()));
  const Pid parked = pids.back();
  const Pid exited = spawn(WorkflowProgram{}.complete("done"));
  const Pid awaiting = spawn(WorkflowProgram{}.await_all({2}).await_all({1}).complete_with_taken());
  const Pid never = awaiting + 1;
  ASSERT_TRUE(eventually([&] { return !runtime_->is_live(exited); }));

  expect_refused(runtime_->monitor_process(never, [](auto) {}), ErrorKind::kNeverSpawned, never);
  expect_refused(runtime_->cancel_pid(never), ErrorKind::kNeverSpawned, never);
  expect_refused(runtime_->deliver_activity_completion(never, 1, "x"), ErrorKind::kNeverSpawned,
                 never);
  expect_refused(runtime_->cancel_pid(exited), ErrorKind::kNotLive, exited);
  expect_refused(runtime_->deliver_activity_completion(exited, 1, "x"), ErrorKind::kDeliveryRefused,
                 exited);
  deliver(awaiting, 1, "first");
  expect_refused(runtime_->deliver_activity_completion(awaiting, 1, "again"),
                 ErrorKind::kDuplicateDelivery, awaiting);
  monitor(parked);
  expect_refused(runtime_->monitor_process(parked, [](auto) {}), ErrorKind::kAlreadyMonitored,
                 parked);
  monitor(exited);
  ASSERT_TRUE(outcome(exited).has_value());
  expect_refused(runtime_->monitor_process(exited, [](auto) {}), ErrorKind::kOutcomeConsumed,
                 exited);
  platform_.set_thread_start_fault(
      [](std::string_view name) { return name.find("aion-workflow-monitor-") == 0; });
  expect_refused(runtime_->monitor_process(pids[0], [](auto) {}), ErrorKind::kThreadStartFailed,
                 pids[0]);
  platform_.set_thread_start_fault({});

  ASSERT_TRUE(runtime_->shutdown().ok());
  ASSERT_TRUE(recorder_.first(parked).has_value());
  ASSERT_FALSE(recorder_.first(parked)->ok());
  seen_.push_back({ErrorKind::kShutDown, parked, recorder_.first(parked)->error().message});
  expect_refused(runtime_->cancel_pid(pids[1]), ErrorKind::kShutDown, pids[1]);
  expect_refused(runtime_->deliver_activity_completion(pids[1], 1, "x"), ErrorKind::kShutDown,
                 pids[1]);
  expect_refused(runtime_->monitor_process(pids[1], [](auto) {}), ErrorKind::kShutDown, pids[1]);

  EXPECT_EQ(seen_.size(), 13u);
  for (const Seen& seen : seen_) {
    EXPECT_TRUE(NamesPid(seen.message, seen.pid)) << runtime::to_string(seen.kind);
    // Names no other pid of this test.
    for (const Pid other : {Pid{1}, exited, awaiting, never, parked}) {
      if (other != seen.pid) {
        EXPECT_FALSE(NamesPid(seen.message, other)) << seen.message;
      }
    }
  }
}

}  // namespace
}  // namespace aion::testing
