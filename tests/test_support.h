// Shared helpers for the runtime's GoogleTest suite: a monitor-callback
// recorder that waits with a timeout, a LifecycleObserver that checks each
// pid's history, polling with a deadline, the expected counts of a quiescent
// runtime, a fixture with a started runtime, and printers so that failures
// read well.
//
// Tests run on real threads (RealPlatform); these helpers use std:: threads,
// locks and clocks, which only runtime/ may not.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "platform/real_platform.h"
#include "runtime/engine_error.h"
#include "runtime/lifecycle_observer.h"
#include "runtime/outcome.h"
#include "runtime/pid.h"
#include "runtime/result.h"
#include "runtime/runtime_config.h"
#include "runtime/runtime_counts.h"
#include "runtime/runtime_handle.h"
#include "runtime/workflow_program.h"

namespace aion::runtime {

// GoogleTest printers for the runtime's value types (found by ADL).
void PrintTo(const Completed& completed, std::ostream* out);
void PrintTo(const Failed& failed, std::ostream* out);
void PrintTo(ErrorKind kind, std::ostream* out);

}  // namespace aion::runtime

namespace aion::testing {

using runtime::Pid;
using MonitorResult = runtime::Result<runtime::WorkflowProcessOutcome>;

// How long a test waits for something the contract says happens "within a
// bounded time" (the seed waits 10 s for a callback).
inline constexpr std::chrono::milliseconds kTimeout{10'000};

// The reason RealPlatform gives for an injected thread-start failure.
inline constexpr const char* kInjectedStartFailure =
    "Resource temporarily unavailable (injected thread-start fault)";

std::string describe(const MonitorResult& result);

// Records every monitor callback, by pid, and lets a test wait for them.
// Callbacks share the recorder's state, so a callback that outlives the
// recorder object is still safe.
class CallbackRecorder {
 public:
  CallbackRecorder();

  // A callback that records its result under `pid`. `inside`, if given, runs
  // first, on the callback's thread (e.g. to look at counts()).
  runtime::MonitorCallback callback(Pid pid, std::function<void()> inside = {}) const;

  // Waits until `total` callbacks in all were recorded; false on timeout.
  bool wait_for_total(std::size_t total, std::chrono::milliseconds timeout = kTimeout) const;
  // Waits until pid's callback was recorded; false on timeout.
  bool wait_for(Pid pid, std::chrono::milliseconds timeout = kTimeout) const;

  std::size_t total() const;
  std::size_t count(Pid pid) const;
  std::vector<MonitorResult> results(Pid pid) const;
  // The result of pid's first callback; nothing when it did not fire.
  std::optional<MonitorResult> first(Pid pid) const;
  // Callbacks made by callback() that someone (the runtime) still holds.
  long callbacks_held() const;

 private:
  struct State {
    mutable std::mutex mutex;
    mutable std::condition_variable recorded;
    std::map<Pid, std::vector<MonitorResult>> by_pid;
    std::size_t total = 0;
  };
  std::shared_ptr<State> state_;
};

// A LifecycleObserver that logs every transition, per pid, and checks a pid's history against the
// contract's ordering rules. The runtime calls it from its own threads (some with runtime locks
// held); tests add the monitor callbacks with callback_ran() from inside them.
class LifecycleLog final : public runtime::LifecycleObserver {
 public:
  enum class Event {
    kRetained,
    kTaken,
    kExitPublished,
    kLeftLiveTable,
    kOutcomeTaken,
    kHeapReleased,
    kNifCleaned,
    kDrained,
    kCallback,
  };

  void exit_published(Pid pid, const runtime::ExitRecord& exit) override;
  void left_live_table(Pid pid) override;
  void completion_retained(Pid pid, runtime::Correlation correlation) override;
  void completion_taken(Pid pid, runtime::Correlation correlation) override;
  void completions_drained(Pid pid, std::size_t count) override;
  void heap_released(Pid pid, bool was_held) override;
  void nif_cleaned(Pid pid, bool was_held) override;
  void outcome_taken(Pid pid) override;

  void callback_ran(Pid pid);
  // Every pid something happened to.
  std::vector<Pid> pids() const;

  // The history of an exited pid whose resources were released, checked:
  // one exit, one departure from the live table after it; completions
  // retained and taken only before the exit; one ledger take, then one heap
  // release and one NIF clean of held state and one drain of exactly what was
  // retained and not taken; and, if `callback`, one callback after all that
  // (else none).
  ::testing::AssertionResult released_in_order(Pid pid, bool callback) const;

 private:
  struct Entry {
    Event event;
    std::size_t count = 0;  // drained completions
    bool was_held = true;   // heap release, NIF clean
  };
  void add(Pid pid, Entry entry);

  mutable std::mutex mutex_;
  std::map<Pid, std::vector<Entry>> by_pid_;
};

// Polls `condition` until it holds or `timeout` passes; returns its last value.
bool eventually(const std::function<bool()>& condition,
                std::chrono::milliseconds timeout = kTimeout);

// Whether `message` names `pid` as "process <pid>" (a whole number, so that
// process 1 is not found in "process 12").
::testing::AssertionResult NamesPid(const std::string& message, Pid pid);

// Checks that `result` is the outcome `expected`.
::testing::AssertionResult HasOutcome(const std::optional<MonitorResult>& result,
                                      const runtime::WorkflowProcessOutcome& expected);
// Checks that `result` is an error of `kind` whose message names `pid`.
::testing::AssertionResult IsError(const std::optional<MonitorResult>& result,
                                   runtime::ErrorKind kind, Pid pid);
template <typename T>
::testing::AssertionResult IsRefusal(const runtime::Result<T>& result, runtime::ErrorKind kind) {
  if (result.ok()) return ::testing::AssertionFailure() << "the call succeeded";
  if (result.error().kind != kind) {
    return ::testing::AssertionFailure()
           << "expected a " << runtime::to_string(kind) << " refusal, got " << result.error();
  }
  return ::testing::AssertionSuccess();
}

// The outcomes the runtime reports for each way of exiting.
runtime::WorkflowProcessOutcome cancelled(Pid pid);
runtime::WorkflowProcessOutcome returned_error(Pid pid, std::string reason);
runtime::WorkflowProcessOutcome crashed(Pid pid, std::string error);

// Starts a runtime on `platform`; fails the test (and returns null) if it
// cannot start.
std::unique_ptr<runtime::RuntimeHandle> start_runtime(platform::RealPlatform& platform,
                                                      runtime::RuntimeConfig config = {});

// What a quiescent runtime holds: nothing but `scheduler_threads` threads (0
// after shutdown) and its tombstones, which are history, not resources. The
// tombstone fields are copied from `actual`.
runtime::RuntimeCounts quiescent_counts(const runtime::RuntimeCounts& actual,
                                        std::size_t scheduler_threads);
// Waits until the runtime is quiescent (monitor threads finish just after
// their callbacks return) and returns its counts.
runtime::RuntimeCounts await_quiescence(runtime::RuntimeHandle& runtime,
                                        std::size_t scheduler_threads);

// Threads of this test process, as the kernel lists them.
std::size_t os_threads();

// A runtime on real threads, started in SetUp with log_ as its observer.
// TearDown shuts it down (unless the test did) and checks what must hold after
// every test: nothing held, no double release, every monitor accepted through
// monitor() fired exactly once, and every pid's history is in order.
class RuntimeTest : public ::testing::Test {
 protected:
  // The configuration SetUp starts the runtime with; override to change it.
  virtual runtime::RuntimeConfig config() const;
  void SetUp() override;
  void TearDown() override;

  // Spawns `program`; fails the test (and returns kNoPid) if refused.
  Pid spawn(runtime::WorkflowProgram program);
  // Monitors pid into recorder_; fails the test if refused.
  void monitor(Pid pid, std::function<void()> inside = {});
  Pid spawn_monitored(runtime::WorkflowProgram program);
  // What a callback saw, on its own thread, just before it recorded.
  struct Probe {
    runtime::RuntimeCounts counts;
    std::chrono::steady_clock::time_point at;
    std::thread::id thread;
    std::string thread_name;
  };
  // As monitor(), and the callback also records a Probe.
  void monitor_probed(Pid pid);
  // The probe of pid's callback; nothing if it has not fired.
  std::optional<Probe> probe(Pid pid);

  // Waits for pid's callback; its result, or nothing after a timeout.
  std::optional<MonitorResult> outcome(Pid pid);
  // Delivers a completion that must be accepted.
  void deliver(Pid pid, runtime::Correlation correlation, std::string payload);
  std::size_t retained() { return runtime_->counts().retained_completions; }

  platform::RealPlatform platform_;
  CallbackRecorder recorder_;
  LifecycleLog log_;  // the runtime's observer: declared before it, outlives it
  std::unique_ptr<runtime::RuntimeHandle> runtime_;
  std::set<Pid> monitored_;

 private:
  std::mutex probes_mutex_;
  std::map<Pid, Probe> probes_;
};

}  // namespace aion::testing
