#include "tests/test_support.h"

#include <pthread.h>

#include <cctype>
#include <filesystem>
#include <sstream>
#include <thread>
#include <utility>

namespace aion::runtime {

void PrintTo(const Completed& completed, std::ostream* out) {
  *out << "Completed{" << completed.payload << "}";
}

void PrintTo(const Failed& failed, std::ostream* out) {
  *out << "Failed{" << failed.message << "; " << failed.details << "}";
}

void PrintTo(ErrorKind kind, std::ostream* out) { *out << to_string(kind); }

}  // namespace aion::runtime

namespace aion::testing {

using runtime::Completed;
using runtime::ErrorKind;
using runtime::Failed;
using runtime::RuntimeCounts;
using runtime::WorkflowProcessOutcome;

std::string describe(const MonitorResult& result) {
  std::ostringstream out;
  if (result.ok()) {
    out << result.value();
  } else {
    out << "error " << result.error();
  }
  return out.str();
}

CallbackRecorder::CallbackRecorder() : state_(std::make_shared<State>()) {}

runtime::MonitorCallback CallbackRecorder::callback(Pid pid, std::function<void()> inside) const {
  return [state = state_, pid, inside = std::move(inside)](MonitorResult result) {
    if (inside) inside();
    std::lock_guard<std::mutex> lock(state->mutex);
    state->by_pid[pid].push_back(std::move(result));
    ++state->total;
    state->recorded.notify_all();
  };
}

bool CallbackRecorder::wait_for_total(std::size_t total, std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(state_->mutex);
  return state_->recorded.wait_for(lock, timeout, [&] { return state_->total >= total; });
}

bool CallbackRecorder::wait_for(Pid pid, std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(state_->mutex);
  return state_->recorded.wait_for(lock, timeout, [&] { return state_->by_pid.count(pid) != 0; });
}

std::size_t CallbackRecorder::total() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->total;
}

std::size_t CallbackRecorder::count(Pid pid) const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  const auto found = state_->by_pid.find(pid);
  return found == state_->by_pid.end() ? 0 : found->second.size();
}

std::vector<MonitorResult> CallbackRecorder::results(Pid pid) const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  const auto found = state_->by_pid.find(pid);
  return found == state_->by_pid.end() ? std::vector<MonitorResult>{} : found->second;
}

std::optional<MonitorResult> CallbackRecorder::first(Pid pid) const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  const auto found = state_->by_pid.find(pid);
  if (found == state_->by_pid.end() || found->second.empty()) return std::nullopt;
  return found->second.front();
}

long CallbackRecorder::callbacks_held() const { return state_.use_count() - 1; }

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return condition();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

::testing::AssertionResult NamesPid(const std::string& message, Pid pid) {
  const std::string name = "process " + std::to_string(pid);
  for (auto at = message.find(name); at != std::string::npos; at = message.find(name, at + 1)) {
    const auto end = at + name.size();
    const bool starts_word = at == 0 || !std::isalnum(static_cast<unsigned char>(message[at - 1]));
    const bool ends_number =
        end == message.size() || !std::isdigit(static_cast<unsigned char>(message[end]));
    if (starts_word && ends_number) return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure()
         << "message \"" << message << "\" does not name process " << pid;
}

::testing::AssertionResult HasOutcome(const std::optional<MonitorResult>& result,
                                      const WorkflowProcessOutcome& expected) {
  if (!result) return ::testing::AssertionFailure() << "the callback did not fire";
  if (!result->ok()) {
    return ::testing::AssertionFailure()
           << "expected " << expected << ", got " << describe(*result);
  }
  if (result->value() != expected) {
    return ::testing::AssertionFailure() << "expected " << expected << ", got " << result->value();
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult IsError(const std::optional<MonitorResult>& result, ErrorKind kind,
                                   Pid pid) {
  if (!result) return ::testing::AssertionFailure() << "the callback did not fire";
  if (result->ok() || result->error().kind != kind) {
    return ::testing::AssertionFailure()
           << "expected a " << runtime::to_string(kind) << " error, got " << describe(*result);
  }
  return NamesPid(result->error().message, pid);
}

WorkflowProcessOutcome cancelled(Pid pid) {
  return Failed{"process " + std::to_string(pid) + " was cancelled", "cancelled"};
}

WorkflowProcessOutcome returned_error(Pid pid, std::string reason) {
  return Failed{"process " + std::to_string(pid) + " returned an error", std::move(reason)};
}

WorkflowProcessOutcome crashed(Pid pid, std::string error) {
  return Failed{"process " + std::to_string(pid) + " crashed", std::move(error)};
}

std::unique_ptr<runtime::RuntimeHandle> start_runtime(platform::RealPlatform& platform,
                                                      runtime::RuntimeConfig config) {
  auto created = runtime::RuntimeHandle::create(platform, config);
  if (!created.ok()) {
    ADD_FAILURE() << "the runtime did not start: " << created.error();
    return nullptr;
  }
  return std::move(created).value();
}

RuntimeCounts quiescent_counts(const RuntimeCounts& actual, std::size_t scheduler_threads) {
  RuntimeCounts expected;
  expected.runtime_threads_alive = scheduler_threads;
  expected.tombstones = actual.tombstones;
  expected.tombstone_evictions = actual.tombstone_evictions;
  return expected;
}

RuntimeCounts await_quiescence(runtime::RuntimeHandle& runtime, std::size_t scheduler_threads) {
  RuntimeCounts counts;
  eventually([&] {
    counts = runtime.counts();
    return counts == quiescent_counts(counts, scheduler_threads);
  });
  return counts;
}

}  // namespace aion::testing

namespace aion::testing {

std::size_t os_threads() {
  std::size_t threads = 0;
  for ([[maybe_unused]] const auto& entry :
       std::filesystem::directory_iterator("/proc/self/task")) {
    ++threads;
  }
  return threads;
}

runtime::RuntimeConfig RuntimeTest::config() const {
  return runtime::RuntimeConfig::with_schedulers(2);
}

void RuntimeTest::SetUp() {
  runtime::RuntimeConfig with_log = config();
  with_log.observer = &log_;
  runtime_ = start_runtime(platform_, with_log);
  ASSERT_NE(runtime_, nullptr);
}

void RuntimeTest::TearDown() {
  if (runtime_ == nullptr) return;
  platform_.set_thread_start_fault({});
  (void)runtime_->shutdown();  // refused, harmlessly, if the test already shut it down
  const RuntimeCounts counts = runtime_->counts();
  EXPECT_EQ(counts, quiescent_counts(counts, 0)) << "held after shutdown";
  for (const Pid pid : monitored_) {
    EXPECT_EQ(recorder_.count(pid), 1u) << "callbacks of process " << pid;
  }
  for (const Pid pid : log_.pids()) {
    EXPECT_TRUE(log_.released_in_order(pid, monitored_.count(pid) != 0));
  }
  runtime_.reset();
  EXPECT_EQ(recorder_.callbacks_held(), 0) << "callbacks outlived the runtime";
}

Pid RuntimeTest::spawn(runtime::WorkflowProgram program) {
  const std::string described = program.describe();
  auto pid = runtime_->spawn(std::move(program));
  if (!pid.ok()) {
    ADD_FAILURE() << "spawn(" << described << ") refused: " << pid.error();
    return runtime::kNoPid;
  }
  return pid.value();
}

void RuntimeTest::monitor(Pid pid, std::function<void()> inside) {
  auto handle = runtime_->monitor_process(
      pid, recorder_.callback(pid, [this, pid, inside = std::move(inside)] {
        if (inside) inside();
        log_.callback_ran(pid);
      }));
  if (!handle.ok()) {
    ADD_FAILURE() << "monitor of process " << pid << " refused: " << handle.error();
    return;
  }
  EXPECT_TRUE(handle.value().is_installed());
  monitored_.insert(pid);
}

Pid RuntimeTest::spawn_monitored(runtime::WorkflowProgram program) {
  const Pid pid = spawn(std::move(program));
  if (pid != runtime::kNoPid) monitor(pid);
  return pid;
}

void RuntimeTest::monitor_probed(Pid pid) {
  monitor(pid, [this, pid] {
    Probe probe;
    probe.counts = runtime_->counts();
    probe.at = std::chrono::steady_clock::now();
    probe.thread = std::this_thread::get_id();
    char name[64] = {};
    pthread_getname_np(pthread_self(), name, sizeof name);
    probe.thread_name = name;
    std::lock_guard<std::mutex> lock(probes_mutex_);
    probes_[pid] = probe;
  });
}

std::optional<RuntimeTest::Probe> RuntimeTest::probe(Pid pid) {
  std::lock_guard<std::mutex> lock(probes_mutex_);
  const auto found = probes_.find(pid);
  if (found == probes_.end()) return std::nullopt;
  return found->second;
}

std::optional<MonitorResult> RuntimeTest::outcome(Pid pid) {
  if (!recorder_.wait_for(pid)) return std::nullopt;
  return recorder_.first(pid);
}

void RuntimeTest::deliver(Pid pid, runtime::Correlation correlation, std::string payload) {
  const auto delivered =
      runtime_->deliver_activity_completion(pid, correlation, std::move(payload));
  EXPECT_TRUE(delivered.ok()) << delivered.error();
}

}  // namespace aion::testing

namespace aion::testing {

namespace {

const char* event_name(LifecycleLog::Event event) {
  switch (event) {
    case LifecycleLog::Event::kRetained:
      return "completion_retained";
    case LifecycleLog::Event::kTaken:
      return "completion_taken";
    case LifecycleLog::Event::kExitPublished:
      return "exit_published";
    case LifecycleLog::Event::kLeftLiveTable:
      return "left_live_table";
    case LifecycleLog::Event::kOutcomeTaken:
      return "outcome_taken";
    case LifecycleLog::Event::kHeapReleased:
      return "heap_released";
    case LifecycleLog::Event::kNifCleaned:
      return "nif_cleaned";
    case LifecycleLog::Event::kDrained:
      return "completions_drained";
    case LifecycleLog::Event::kCallback:
      return "callback";
  }
  return "?";
}

}  // namespace

std::vector<Pid> LifecycleLog::pids() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<Pid> pids;
  for (const auto& [pid, entries] : by_pid_) pids.push_back(pid);
  return pids;
}

void LifecycleLog::add(Pid pid, Entry entry) {
  std::lock_guard<std::mutex> lock(mutex_);
  by_pid_[pid].push_back(entry);
}

void LifecycleLog::exit_published(Pid pid, const runtime::ExitRecord&) {
  add(pid, {Event::kExitPublished});
}
void LifecycleLog::left_live_table(Pid pid) { add(pid, {Event::kLeftLiveTable}); }
void LifecycleLog::completion_retained(Pid pid, runtime::Correlation) {
  add(pid, {Event::kRetained});
}
void LifecycleLog::completion_taken(Pid pid, runtime::Correlation) { add(pid, {Event::kTaken}); }
void LifecycleLog::completions_drained(Pid pid, std::size_t count) {
  add(pid, {Event::kDrained, count});
}
void LifecycleLog::heap_released(Pid pid, bool was_held) {
  add(pid, {Event::kHeapReleased, 0, was_held});
}
void LifecycleLog::nif_cleaned(Pid pid, bool was_held) {
  add(pid, {Event::kNifCleaned, 0, was_held});
}
void LifecycleLog::outcome_taken(Pid pid) { add(pid, {Event::kOutcomeTaken}); }
void LifecycleLog::callback_ran(Pid pid) { add(pid, {Event::kCallback}); }

::testing::AssertionResult LifecycleLog::released_in_order(Pid pid, bool callback) const {
  std::vector<Entry> entries;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (const auto found = by_pid_.find(pid); found != by_pid_.end()) entries = found->second;
  }
  const auto fail = [pid](const std::string& what) {
    return ::testing::AssertionFailure() << "process " << pid << ": " << what;
  };
  std::map<Event, std::size_t> seen;
  std::size_t retained = 0, taken = 0, drained = 0;
  for (const Entry& entry : entries) {
    ++seen[entry.event];
    const bool exited = seen[Event::kExitPublished] != 0;
    switch (entry.event) {
      case Event::kRetained:
        if (exited) return fail("a completion was retained after the exit");
        ++retained;
        break;
      case Event::kTaken:
        if (exited) return fail("a completion was taken after the exit");
        ++taken;
        break;
      case Event::kLeftLiveTable:
      case Event::kOutcomeTaken:
        if (!exited) return fail("left the live table or lost its outcome before its exit");
        break;
      case Event::kHeapReleased:
      case Event::kNifCleaned:
      case Event::kDrained:
        if (seen[Event::kOutcomeTaken] == 0) {
          return fail("a resource was released before the ledger entry was taken");
        }
        if (!entry.was_held) return fail("released a heap or NIF state it did not hold");
        drained += entry.count;
        break;
      case Event::kCallback:
        if (seen[Event::kHeapReleased] == 0 || seen[Event::kNifCleaned] == 0 ||
            seen[Event::kDrained] == 0) {
          return fail("the callback ran before the resources were released");
        }
        break;
      case Event::kExitPublished:
        break;
    }
  }
  for (const Event once : {Event::kExitPublished, Event::kLeftLiveTable, Event::kOutcomeTaken,
                           Event::kHeapReleased, Event::kNifCleaned, Event::kDrained}) {
    if (seen[once] != 1) {
      return fail(std::string(event_name(once)) + " happened " + std::to_string(seen[once]) +
                  " times, not once");
    }
  }
  if (seen[Event::kCallback] != (callback ? 1u : 0u)) {
    return fail("the callback ran " + std::to_string(seen[Event::kCallback]) + " times");
  }
  if (drained != retained - taken) {
    return fail("retained " + std::to_string(retained) + ", took " + std::to_string(taken) +
                ", but drained " + std::to_string(drained));
  }
  return ::testing::AssertionSuccess();
}

}  // namespace aion::testing
