// shutdown() racing callers on real threads (race classes R5 and R8): while 4
// threads spawn, monitor, deliver and cancel, and some monitor threads fail to
// start, the test thread shuts the runtime down. Every monitor accepted
// before the shutdown fires exactly once, with the real outcome or a
// kShutDown error; a refused one never fires; once the callers stopped,
// nothing is held.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
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
constexpr int kMaxPerCaller = 400;
constexpr int kSpawnsBeforeShutdown = 600;
constexpr std::string_view kMonitorThread = "aion-workflow-monitor-";

// Monitor threads of every 7th pid fail to start.
bool failing_monitor_thread(std::string_view name) {
  if (name.substr(0, kMonitorThread.size()) != kMonitorThread) return false;
  return std::stoull(std::string(name.substr(kMonitorThread.size()))) % 7 == 0;
}

bool acceptable_during_shutdown(ErrorKind kind) {
  return kind == ErrorKind::kShutDown || kind == ErrorKind::kNotLive ||
         kind == ErrorKind::kDeliveryRefused;
}

class ShutdownRaceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    platform_.set_thread_start_fault(failing_monitor_thread);
    RuntimeConfig config = RuntimeConfig::with_schedulers(3);
    config.observer = &log_;
    runtime_ = start_runtime(platform_, config);
    ASSERT_NE(runtime_, nullptr);
  }

  void problem(const std::string& what) {
    std::lock_guard<std::mutex> lock(mutex_);
    problems_.push_back(what);
  }

  void caller(int thread) {
    for (int k = 0; k < kMaxPerCaller; ++k) {
      const std::string tag = std::to_string(thread) + "." + std::to_string(k);
      WorkflowProgram program;
      switch (k % 4) {
        case 0:
          program.complete(tag);
          break;
        case 1:
          program.work(10).complete(tag);
          break;
        case 2:
          program.await_all({1}).complete_with_taken();
          break;
        default:
          program.run_until_cancelled();
          break;
      }
      auto spawned = runtime_->spawn(std::move(program));
      if (!spawned.ok()) {
        if (spawned.error().kind != ErrorKind::kShutDown) problem(spawned.error().message);
        return;  // shut down: this caller is done
      }
      const Pid pid = spawned.value();
      spawned_.fetch_add(1);
      auto handle = runtime_->monitor_process(
          pid, recorder_.callback(pid, [this, pid] { log_.callback_ran(pid); }));
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (handle.ok()) {
          accepted_.emplace(pid,
                            k % 4 == 3 ? cancelled(pid) : WorkflowProcessOutcome{Completed{tag}});
        } else if (handle.error().kind == ErrorKind::kThreadStartFailed) {
          start_failed_.push_back(pid);
          if (pid % 7 != 0) problems_.push_back("unexpected: " + handle.error().message);
        } else if (handle.error().kind != ErrorKind::kShutDown) {
          problems_.push_back("monitor: " + handle.error().message);
        }
      }
      if (k % 4 == 2) {
        const auto delivered = runtime_->deliver_activity_completion(pid, 1, tag);
        if (!delivered.ok() && !acceptable_during_shutdown(delivered.error().kind)) {
          problem("delivery: " + delivered.error().message);
        }
      }
      if (k % 4 == 3) {
        const auto cancel = runtime_->cancel_pid(pid);
        if (!cancel.ok() && !acceptable_during_shutdown(cancel.error().kind)) {
          problem("cancel: " + cancel.error().message);
        }
      }
    }
  }

  platform::RealPlatform platform_;
  CallbackRecorder recorder_;
  LifecycleLog log_;
  std::unique_ptr<runtime::RuntimeHandle> runtime_;
  std::atomic<int> spawned_{0};

  std::mutex mutex_;
  std::vector<std::string> problems_;
  std::map<Pid, WorkflowProcessOutcome> accepted_;
  std::vector<Pid> start_failed_;
};

TEST_F(ShutdownRaceTest, AcceptedMonitorsFireOnceWhateverTheTiming) {
  std::vector<std::thread> callers;
  for (int thread = 0; thread < kCallers; ++thread) {
    callers.emplace_back([this, thread] { caller(thread); });
  }
  // Shut down in the middle of the callers' work (or after it, on a slow machine).
  eventually([&] { return spawned_.load() >= kSpawnsBeforeShutdown; });
  ASSERT_TRUE(runtime_->shutdown().ok());
  // Every monitor accepted so far has fired: shutdown joined their threads.
  std::size_t accepted_at_shutdown = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    accepted_at_shutdown = accepted_.size();
  }
  EXPECT_GE(recorder_.total(), accepted_at_shutdown);
  for (auto& thread : callers) thread.join();

  std::lock_guard<std::mutex> lock(mutex_);
  for (std::size_t i = 0; i < problems_.size() && i < 20; ++i) ADD_FAILURE() << problems_[i];
  EXPECT_EQ(problems_.size(), 0u);
  EXPECT_EQ(recorder_.total(), accepted_.size()) << "callbacks of accepted monitors";
  int shut_down = 0;
  for (const auto& [pid, expected] : accepted_) {
    const auto results = recorder_.results(pid);
    ASSERT_EQ(results.size(), 1u) << "callbacks of process " << pid;
    if (results.front().ok()) {
      EXPECT_TRUE(HasOutcome(results.front(), expected));
    } else {
      ++shut_down;
      EXPECT_TRUE(IsError(results.front(), ErrorKind::kShutDown, pid));
    }
  }
  for (const Pid pid : start_failed_) {
    EXPECT_EQ(recorder_.count(pid), 0u) << "a failed monitor of process " << pid << " fired";
    EXPECT_FALSE(runtime_->is_live(pid));
  }
  EXPECT_FALSE(start_failed_.empty());
  const RuntimeCounts counts = runtime_->counts();
  EXPECT_EQ(counts, quiescent_counts(counts, 0));
  // Each pid released once, after its exit, and before its callback if it had one.
  for (const Pid pid : log_.pids()) {
    EXPECT_TRUE(log_.released_in_order(pid, accepted_.count(pid) != 0));
  }
  RecordProperty("accepted", static_cast<int>(accepted_.size()));
  RecordProperty("fired_with_shutdown", shut_down);
}

}  // namespace
}  // namespace aion::testing
