#include "sim/scenario/scenario_runner.h"

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/lifecycle_observer.h"
#include "runtime/runtime_handle.h"

namespace aion::scenario {
namespace {

using runtime::Pid;

// Collects the record. Its std::mutex is never contended in simulation (one
// OS thread) and is not a scheduling point, so it does not change schedules;
// it keeps the recorder sound on real threads too. Every entry is also a
// platform note (the trace shows it; in simulation it marks progress) whose
// subject is the entry's sequence number. Once the platform refuses a note
// (a simulation that ended, unwinding its threads), nothing more is recorded:
// it would not be part of the run.
class Recorder final : public runtime::LifecycleObserver {
 public:
  Recorder(platform::Platform& platform, RunRecord& record)
      : platform_(platform), record_(record) {}

  // A sequence number for an op's invocation or return.
  std::uint64_t tick(const char* what) {
    std::lock_guard<std::mutex> lock(mutex_);
    const std::uint64_t seq = next_seq_++;
    stopped_ = stopped_ || !platform_.note(what, seq);
    return seq;
  }
  void add_op(OpRecord op) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!stopped_) record_.ops.push_back(std::move(op));
  }
  // Whether the run ended under the recorder (see above).
  bool stopped() {
    std::lock_guard<std::mutex> lock(mutex_);
    return stopped_;
  }
  void set_label(std::uint32_t label, Pid pid) {
    std::lock_guard<std::mutex> lock(mutex_);
    record_.label_pids[label] = pid;
  }
  Pid pid_of(std::uint32_t label) {
    std::lock_guard<std::mutex> lock(mutex_);
    return record_.label_pids[label];
  }
  std::uint32_t current_thread() {
    const platform::ThreadView view = platform_.current_thread();
    std::lock_guard<std::mutex> lock(mutex_);
    return intern(view.id, view.name);
  }
  std::uint32_t thread_of(const platform::UnjoinedThread& thread) {
    std::lock_guard<std::mutex> lock(mutex_);
    return intern(thread.id, thread.name);
  }
  void callback(Pid pid, const runtime::Result<runtime::WorkflowProcessOutcome>& result) {
    Event event = make(EventKind::kCallback, pid);
    if (result) {
      event.outcome = result.value();
    } else {
      event.error = result.error().kind;
      event.message = result.error().message;
    }
    add(std::move(event));
  }
  // Returns the mark's sequence number.
  std::uint64_t mark(EventKind kind) { return add(make(kind, runtime::kNoPid)); }

  void exit_published(Pid pid, const runtime::ExitRecord& exit) override {
    Event event = make(EventKind::kExitPublished, pid);
    event.exit = exit;
    add(std::move(event));
  }
  void left_live_table(Pid pid) override { add(make(EventKind::kLeftLiveTable, pid)); }
  void completion_retained(Pid pid, runtime::Correlation correlation) override {
    add(make(EventKind::kCompletionRetained, pid, correlation));
  }
  void completion_taken(Pid pid, runtime::Correlation correlation) override {
    add(make(EventKind::kCompletionTaken, pid, correlation));
  }
  void completions_drained(Pid pid, std::size_t count) override {
    add(make(EventKind::kCompletionsDrained, pid, count));
  }
  void heap_released(Pid pid, bool was_held) override {
    add(make(EventKind::kHeapReleased, pid, was_held));
  }
  void nif_cleaned(Pid pid, bool was_held) override {
    add(make(EventKind::kNifCleaned, pid, was_held));
  }
  void outcome_taken(Pid pid) override { add(make(EventKind::kOutcomeTaken, pid)); }
  void tombstone_evicted(Pid pid) override { add(make(EventKind::kTombstoneEvicted, pid)); }

 private:
  static Event make(EventKind kind, Pid pid, std::uint64_t detail = 0) {
    Event event;
    event.kind = kind;
    event.pid = pid;
    event.detail = detail;
    return event;
  }
  std::uint64_t add(Event event) {
    const platform::ThreadView view = platform_.current_thread();
    event.mutexes_held = view.mutexes_held;
    event.last_mutex = view.last_mutex;
    std::lock_guard<std::mutex> lock(mutex_);
    event.thread = intern(view.id, view.name);
    event.seq = next_seq_++;
    stopped_ = stopped_ || !platform_.note(event_name(event.kind), event.seq);
    if (!stopped_) record_.events.push_back(std::move(event));
    return event.seq;
  }
  // Threads are few: a linear search is cheapest.
  std::uint32_t intern(std::uint64_t id, std::string_view name) {
    for (std::size_t i = 0; i < thread_ids_.size(); ++i) {
      if (thread_ids_[i] == id) return static_cast<std::uint32_t>(i);
    }
    thread_ids_.push_back(id);
    record_.threads.emplace_back(name);
    return static_cast<std::uint32_t>(thread_ids_.size() - 1);
  }

  platform::Platform& platform_;
  std::mutex mutex_;
  RunRecord& record_;
  std::uint64_t next_seq_ = 0;
  bool stopped_ = false;
  std::vector<std::uint64_t> thread_ids_;
};

std::string branch_name(std::size_t branch) { return "branch-" + std::to_string(branch + 1); }

// The threads the runtime started and has not joined: every unjoined thread
// but the runner's own branches.
ThreadsAt runtime_threads(platform::Platform& platform, const Scenario& scenario,
                          std::uint64_t seq) {
  ThreadsAt at;
  at.seq = seq;
  for (auto& thread : platform.unjoined_threads()) {
    bool branch = false;
    for (std::size_t b = 0; b < scenario.branches.size(); ++b)
      branch |= thread.name == branch_name(b);
    if (!branch) at.unjoined.push_back(std::move(thread));
  }
  return at;
}

// Attempts at starting the runtime: injected thread-start faults may refuse
// a scheduler thread, and a scenario is about what happens after the start.
constexpr int kStartAttempts = 8;

class Execution {
 public:
  Execution(platform::Platform& platform, const Scenario& scenario, Recorder& recorder,
            runtime::RuntimeHandle& runtime, RunRecord& record)
      : platform_(platform),
        scenario_(scenario),
        recorder_(recorder),
        runtime_(runtime),
        run_record_(record) {}

  void run_ops(int branch, const std::vector<Op>& ops, std::uint32_t first_label) {
    std::uint32_t next_label = first_label;
    const std::uint32_t thread = recorder_.current_thread();
    for (std::size_t i = 0; i < ops.size(); ++i) {
      OpRecord record;
      record.branch = branch;
      record.index = i;
      record.op = ops[i];
      record.thread = thread;
      record.invoked = recorder_.tick("op begins");
      std::visit([&](const auto& op) { apply(op, record, next_label); }, ops[i]);
      record.returned = recorder_.tick("op returns");
      recorder_.add_op(std::move(record));
    }
  }

  // The shutdown that succeeded: what it left behind when it returned.
  void shut_down_returned() {
    const std::uint64_t seq = recorder_.tick("shutdown returned");
    if (recorder_.stopped()) return;
    run_record_.shutdown_thread = recorder_.current_thread();
    run_record_.after_shutdown = runtime_.counts();
    run_record_.threads_after_shutdown = runtime_threads(platform_, scenario_, seq);
  }

 private:
  Pid resolve(const Target& target) {
    return target.is_label ? recorder_.pid_of(static_cast<std::uint32_t>(target.value))
                           : target.value;
  }
  void note(OpRecord& record, const runtime::EngineError& error) {
    record.ok = false;
    record.error = error.kind;
    record.message = error.message;
  }
  template <typename T>
  void note(OpRecord& record, const runtime::Result<T>& result) {
    if (!result) note(record, result.error());
  }

  void apply(const op::Spawn& op, OpRecord& record, std::uint32_t& next_label) {
    const std::uint32_t label = next_label++;
    auto pid = runtime_.spawn(program_for(op.shape, label));
    note(record, pid);
    record.pid = pid ? pid.value() : runtime::kNoPid;
    recorder_.set_label(label, record.pid);
  }
  void apply(const op::Monitor& op, OpRecord& record, std::uint32_t&) {
    record.pid = resolve(op.target);
    Recorder& recorder = recorder_;
    note(record, runtime_.monitor_process(record.pid, [&recorder, pid = record.pid](auto result) {
      recorder.callback(pid, result);
    }));
  }
  void apply(const op::Cancel& op, OpRecord& record, std::uint32_t&) {
    record.pid = resolve(op.target);
    note(record, runtime_.cancel_pid(record.pid));
  }
  void apply(const op::Deliver& op, OpRecord& record, std::uint32_t&) {
    record.pid = resolve(op.target);
    note(record, runtime_.deliver_activity_completion(record.pid, op.correlation,
                                                      "c" + std::to_string(op.correlation)));
  }
  void apply(const op::IsLive& op, OpRecord& record, std::uint32_t&) {
    record.pid = resolve(op.target);
    record.live = runtime_.is_live(record.pid);
  }
  void apply(const op::RecentExit& op, OpRecord& record, std::uint32_t&) {
    record.pid = resolve(op.target);
    record.recent = runtime_.recent_exit(record.pid);
  }
  void apply(const op::Counts&, OpRecord& record, std::uint32_t&) {
    record.counts = runtime_.counts();
  }
  void apply(const op::Churn& op, OpRecord& record, std::uint32_t&) {
    for (std::uint32_t i = 0; i < op.processes; ++i) {
      auto pid = runtime_.spawn(runtime::WorkflowProgram{}.complete("churn"));
      if (!pid) {
        note(record, pid);
        return;
      }
      record.churned.push_back(pid.value());
    }
  }
  void apply(const op::Settle&, OpRecord&, std::uint32_t&) {
    platform_.sleep_for(platform::kMillisecond);
  }
  void apply(const op::Shutdown&, OpRecord& record, std::uint32_t&) {
    const runtime::Status status = runtime_.shutdown();
    if (status) shut_down_returned();
    note(record, status);
  }

  platform::Platform& platform_;
  const Scenario& scenario_;
  Recorder& recorder_;
  runtime::RuntimeHandle& runtime_;
  RunRecord& run_record_;
};

std::vector<std::uint32_t> first_labels(const Scenario& scenario) {
  std::vector<std::uint32_t> firsts;
  std::uint32_t label = 0;
  auto count = [](const std::vector<Op>& ops) {
    std::uint32_t n = 0;
    for (const Op& op : ops) n += std::holds_alternative<op::Spawn>(op) ? 1 : 0;
    return n;
  };
  firsts.push_back(label);
  label += count(scenario.prefix);
  for (const auto& branch : scenario.branches) {
    firsts.push_back(label);
    label += count(branch);
  }
  return firsts;
}

}  // namespace

RunRecord run_scenario(platform::Platform& platform, const Scenario& scenario,
                       const RunnerOptions& options) {
  RunRecord record;
  record.label_pids.assign(scenario.spawn_count(), runtime::kNoPid);
  Recorder recorder(platform, record);

  runtime::RuntimeConfig config = options.runtime;
  config.scheduler_threads = scenario.config.schedulers;
  config.tombstone_capacity = scenario.config.tombstones;
  config.observer = &recorder;

  std::unique_ptr<runtime::RuntimeHandle> runtime;
  for (int attempt = 0; attempt < kStartAttempts && !runtime; ++attempt) {
    auto created = runtime::RuntimeHandle::create(platform, config);
    if (created) {
      runtime = std::move(created.value());
    } else {
      record.start_error = created.error().message;
    }
  }
  if (!runtime) {
    record.runtime_started = false;
    return record;
  }

  for (const auto& thread : platform.unjoined_threads()) {
    record.scheduler_threads.push_back(recorder.thread_of(thread));
  }
  Execution execution(platform, scenario, recorder, *runtime, record);
  const auto firsts = first_labels(scenario);
  execution.run_ops(-1, scenario.prefix, firsts[0]);

  std::vector<std::unique_ptr<platform::Thread>> threads;
  std::vector<std::size_t> inline_branches;
  for (std::size_t b = 0; b < scenario.branches.size(); ++b) {
    auto start = platform.start_thread(branch_name(b), [&, b] {
      execution.run_ops(static_cast<int>(b), scenario.branches[b], firsts[b + 1]);
    });
    if (start.ok()) {
      threads.push_back(std::move(start.thread));
    } else {
      inline_branches.push_back(b);
    }
  }
  // A branch whose thread could not start still runs, on this thread.
  for (std::size_t b : inline_branches) {
    execution.run_ops(static_cast<int>(b), scenario.branches[b], firsts[b + 1]);
  }
  for (auto& thread : threads) thread->join();

  platform.sleep_for(options.quiet_period);
  const std::uint64_t quiescent = recorder.mark(EventKind::kQuiescent);
  if (!recorder.stopped()) {
    record.at_quiescence = runtime->counts();
    record.threads_at_quiescence = runtime_threads(platform, scenario, quiescent);
  }
  if (runtime->shutdown()) execution.shut_down_returned();
  runtime.reset();
  record.complete = !recorder.stopped();
  return record;
}

}  // namespace aion::scenario
