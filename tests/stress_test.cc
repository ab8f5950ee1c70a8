// Stress: 2,000 workflows of every shape, spawned, monitored, cancelled and
// delivered to by 4 caller threads at once, on 2 and on 4 scheduler threads
// (the second with a tombstone FIFO far smaller than the churn). Callers
// also poke at each other's pids: stray deliveries (retained or refused,
// never taken), competing cancels and competing monitors. Every pid gets
// exactly one accepted monitor, whose callback fires exactly once with the
// outcome the process really had, after the pid's resources were released
// (checked on the runtime's LifecycleObserver); once all fired nothing is
// held, and nothing after shutdown either.
//
// Sized to run in a few seconds under ThreadSanitizer; asserts no times.
#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/test_support.h"

namespace aion::testing {
namespace {

using runtime::Completed;
using runtime::ErrorKind;
using runtime::RuntimeConfig;
using runtime::RuntimeCounts;
using runtime::WorkflowProcessOutcome;
using runtime::WorkflowProgram;

constexpr int kCallers = 4;
constexpr int kPerCaller = 500;
constexpr int kWorkflows = kCallers * kPerCaller;
constexpr std::chrono::milliseconds kStressTimeout{120'000};

enum class Shape { kComplete, kWork, kAwaitAll, kAwaitAny, kCancel, kFail, kCrash, kSleep };
constexpr int kShapes = 8;

struct StressConfig {
  std::size_t schedulers;
  std::size_t tombstone_capacity;
};

class StressTest : public ::testing::TestWithParam<StressConfig> {
 protected:
  void SetUp() override {
    RuntimeConfig config = RuntimeConfig::with_schedulers(GetParam().schedulers);
    config.tombstone_capacity = GetParam().tombstone_capacity;
    config.observer = &log_;
    runtime_ = start_runtime(platform_, config);
    ASSERT_NE(runtime_, nullptr);
  }

  // A problem seen on a caller thread, reported by the test thread.
  void problem(const std::string& what) {
    std::lock_guard<std::mutex> lock(mutex_);
    problems_.push_back(what);
  }

  // Monitors pid; a refusal is fine only if another monitor got there first.
  void try_monitor(Pid pid) {
    auto handle = runtime_->monitor_process(
        pid, recorder_.callback(pid, [this, pid] { log_.callback_ran(pid); }));
    if (handle.ok()) {
      std::lock_guard<std::mutex> lock(mutex_);
      ++accepted_[pid];
    } else if (handle.error().kind != ErrorKind::kAlreadyMonitored &&
               handle.error().kind != ErrorKind::kOutcomeConsumed) {
      problem("monitor of process " + std::to_string(pid) + ": " + handle.error().message);
    }
  }

  void deliver(Pid pid, runtime::Correlation correlation, std::string payload, bool may_refuse) {
    const auto delivered =
        runtime_->deliver_activity_completion(pid, correlation, std::move(payload));
    if (delivered.ok()) return;
    if (may_refuse && delivered.error().kind == ErrorKind::kDeliveryRefused) return;
    problem("delivery of " + std::to_string(correlation) + " to process " + std::to_string(pid) +
            ": " + delivered.error().message);
  }

  void caller(int thread) {
    for (int k = 0; k < kPerCaller; ++k) {
      const int index = thread * kPerCaller + k;
      const std::string tag = std::to_string(index);
      const auto shape = static_cast<Shape>(index % kShapes);
      WorkflowProgram program;
      switch (shape) {
        case Shape::kComplete:
          program.complete(tag);
          break;
        case Shape::kWork:
          program.work(20).complete(tag);
          break;
        case Shape::kAwaitAll:
          program.await_all({1, 2}).complete_with_taken();
          break;
        case Shape::kAwaitAny:
          program.await_any({1, 2}).complete_with_taken();
          break;
        case Shape::kCancel:
          program.run_until_cancelled();
          break;
        case Shape::kFail:
          program.fail(tag);
          break;
        case Shape::kCrash:
          program.crash("crash" + tag);
          break;
        case Shape::kSleep:
          program.sleep(platform::kMillisecond).complete(tag);
          break;
      }
      auto spawned = runtime_->spawn(std::move(program));
      if (!spawned.ok()) {
        problem("spawn: " + spawned.error().message);
        continue;
      }
      const Pid pid = spawned.value();
      WorkflowProcessOutcome expected = Completed{tag};
      switch (shape) {
        case Shape::kAwaitAll:
          expected = Completed{"a" + tag + ",b" + tag};
          break;
        case Shape::kAwaitAny:
          expected = Completed{"a" + tag};
          break;
        case Shape::kCancel:
          expected = cancelled(pid);
          break;
        case Shape::kFail:
          expected = returned_error(pid, tag);
          break;
        case Shape::kCrash:
          expected = crashed(pid, "crash" + tag);
          break;
        default:
          break;
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        expected_.emplace(pid, expected);
      }
      latest_[thread].store(pid);
      if (shape == Shape::kCancel) latest_cancellable_[thread].store(pid);

      const bool monitor_first = k % 2 == 0;
      if (monitor_first) try_monitor(pid);
      switch (shape) {
        case Shape::kAwaitAll:
          deliver(pid, 1, "a" + tag, false);
          deliver(pid, 2, "b" + tag, false);
          break;
        case Shape::kAwaitAny:
          deliver(pid, 1, "a" + tag, false);
          deliver(pid, 2, "b" + tag, true);  // the loser: the winner may have ended it
          break;
        case Shape::kCancel:
          // A neighbour may have cancelled it first.
          if (const auto cancel = runtime_->cancel_pid(pid);
              !cancel.ok() && cancel.error().kind != ErrorKind::kNotLive) {
            problem("cancel: " + cancel.error().message);
          }
          break;
        default:
          break;
      }
      if (!monitor_first) try_monitor(pid);

      // Poke at the neighbour's pids.
      const int neighbour = (thread + 1) % kCallers;
      if (const Pid other = latest_[neighbour].load(); other != runtime::kNoPid) {
        // Never awaited by anyone: retained while it lives, else refused.
        deliver(other, 1'000 + static_cast<runtime::Correlation>(index), "stray", true);
        if (k % 3 == 0) try_monitor(other);
      }
      if (const Pid other = latest_cancellable_[neighbour].load();
          other != runtime::kNoPid && k % 4 == 0) {
        if (const auto cancel = runtime_->cancel_pid(other);
            !cancel.ok() && cancel.error().kind != ErrorKind::kNotLive) {
          problem("neighbour cancel: " + cancel.error().message);
        }
      }
    }
  }

  platform::RealPlatform platform_;
  CallbackRecorder recorder_;
  LifecycleLog log_;
  std::unique_ptr<runtime::RuntimeHandle> runtime_;
  std::array<std::atomic<Pid>, kCallers> latest_{};
  std::array<std::atomic<Pid>, kCallers> latest_cancellable_{};

  std::mutex mutex_;
  std::vector<std::string> problems_;
  std::map<Pid, WorkflowProcessOutcome> expected_;
  std::map<Pid, int> accepted_;
};

TEST_P(StressTest, EveryCallbackFiresOnceWithTheRealOutcomeAndNothingIsHeld) {
  const std::size_t schedulers = GetParam().schedulers;
  std::vector<std::thread> callers;
  for (int thread = 0; thread < kCallers; ++thread) {
    callers.emplace_back([this, thread] { caller(thread); });
  }
  for (auto& thread : callers) thread.join();

  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (std::size_t i = 0; i < problems_.size() && i < 20; ++i) ADD_FAILURE() << problems_[i];
    EXPECT_EQ(problems_.size(), 0u);
    ASSERT_EQ(expected_.size(), static_cast<std::size_t>(kWorkflows));
    for (const auto& [pid, outcome] : expected_) {
      EXPECT_EQ(accepted_[pid], 1) << "accepted monitors of process " << pid;
    }
  }
  ASSERT_TRUE(recorder_.wait_for_total(kWorkflows, kStressTimeout))
      << recorder_.total() << " of " << kWorkflows << " callbacks fired";

  int wrong = 0;
  for (const auto& [pid, expected] : expected_) {
    const auto results = recorder_.results(pid);
    EXPECT_EQ(results.size(), 1u) << "callbacks of process " << pid;
    if (results.empty()) continue;
    if (!HasOutcome(results.front(), expected) && ++wrong <= 20) {
      ADD_FAILURE() << HasOutcome(results.front(), expected).message();
    }
  }
  EXPECT_EQ(wrong, 0);

  // Before shutdown: every pid was monitored and reported, so nothing is held.
  const RuntimeCounts quiet = await_quiescence(*runtime_, schedulers);
  EXPECT_EQ(quiet, quiescent_counts(quiet, schedulers));
  // Every pid's history: retained only before its exit, released once after
  // it, callback last.
  int disordered = 0;
  for (const auto& [pid, expected] : expected_) {
    const auto in_order = log_.released_in_order(pid, true);
    if (!in_order && ++disordered <= 20) ADD_FAILURE() << in_order.message();
  }
  EXPECT_EQ(disordered, 0);

  ASSERT_TRUE(runtime_->shutdown().ok());
  const RuntimeCounts after = runtime_->counts();
  EXPECT_EQ(after, quiescent_counts(after, 0));
  EXPECT_EQ(recorder_.total(), static_cast<std::size_t>(kWorkflows)) << "shutdown fired more";
}

INSTANTIATE_TEST_SUITE_P(Schedulers, StressTest,
                         ::testing::Values(StressConfig{2, 64}, StressConfig{4, 8}),
                         [](const ::testing::TestParamInfo<StressConfig>& info) {
                           return std::to_string(info.param.schedulers) + "Schedulers" +
                                  std::to_string(info.param.tombstone_capacity) + "Tombstones";
                         });

}  // namespace
}  // namespace aion::testing
