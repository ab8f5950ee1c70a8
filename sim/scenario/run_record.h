// RunRecord: everything a scenario run observed, in the order it happened:
// the result of each operation, each monitor callback, and the lifecycle
// transitions the runtime reported, each with the thread it ran on and the
// platform mutexes that thread held; the runtime's threads at the moments the
// contract speaks of (created, quiescent, shut down). The oracle judges a run
// from this alone. Sequence numbers order everything; in simulation there is
// one total order. Threads are indices into `threads`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/platform.h"
#include "runtime/engine_error.h"
#include "runtime/exit_record.h"
#include "runtime/outcome.h"
#include "runtime/pid.h"
#include "runtime/runtime_counts.h"
#include "sim/scenario/scenario.h"

namespace aion::scenario {

struct OpRecord {
  int branch = -1;  // -1 for the prefix, else the branch index
  std::size_t index = 0;
  Op op;
  runtime::Pid pid = runtime::kNoPid;  // the target's pid, or the pid spawned
  std::vector<runtime::Pid> churned;   // the pids a churn op spawned
  bool ok = true;
  std::optional<runtime::ErrorKind> error;
  std::string message;
  std::uint64_t invoked = 0;   // sequence number when the op began
  std::uint64_t returned = 0;  // and when it returned
  std::uint32_t thread = 0;    // the thread that ran it
  // What a query answered: is_live, recent_exit (nothing: no tombstone), counts.
  bool live = false;
  std::optional<runtime::WorkflowProcessOutcome> recent;
  runtime::RuntimeCounts counts;
};

enum class EventKind : std::uint8_t {
  kExitPublished,
  kLeftLiveTable,
  kCompletionRetained,
  kCompletionTaken,
  kCompletionsDrained,
  kHeapReleased,
  kNifCleaned,
  kOutcomeTaken,
  kTombstoneEvicted,
  kCallback,
  kQuiescent,  // the run settled: every thread idle for the quiet period
};

const char* event_name(EventKind kind);

struct Event {
  std::uint64_t seq = 0;
  EventKind kind = EventKind::kExitPublished;
  runtime::Pid pid = runtime::kNoPid;
  std::uint64_t detail = 0;  // correlation, drained count, or whether something was held
  runtime::ExitRecord exit;  // for kExitPublished
  std::optional<runtime::WorkflowProcessOutcome> outcome;  // for kCallback, when not an error
  std::optional<runtime::ErrorKind> error;                 // for kCallback, when an error
  std::string message;                                     // the callback error's message
  std::uint32_t thread = 0;                                // the thread it ran on
  std::uint32_t mutexes_held = 0;                          // platform mutexes it held
  std::string last_mutex;                                  // the one it took last, if any
};

// The runtime's threads at a moment: those it started and had not joined.
struct ThreadsAt {
  std::uint64_t seq = UINT64_MAX;  // when they were read; UINT64_MAX: never
  std::vector<platform::UnjoinedThread> unjoined;
};

struct RunRecord {
  std::vector<OpRecord> ops;
  std::vector<runtime::Pid> label_pids;  // pid of each label; kNoPid if its spawn failed
  std::vector<Event> events;
  runtime::RuntimeCounts at_quiescence;
  // Read when the shutdown that succeeded returned (a branch's, or the final one).
  runtime::RuntimeCounts after_shutdown;
  std::vector<std::string> threads;  // names, by thread index
  // The threads the runtime started while it was created: its schedulers.
  std::vector<std::uint32_t> scheduler_threads;
  ThreadsAt threads_at_quiescence;
  ThreadsAt threads_after_shutdown;
  std::uint32_t shutdown_thread = 0;  // the thread whose shutdown succeeded
  bool runtime_started = true;
  std::string start_error;
  // The run got to its end; a run the simulator stopped (a deadlock, a livelock) leaves
  // a record of what happened until then.
  bool complete = false;

  // The index of the thread with this name, if the record knows one.
  std::optional<std::uint32_t> thread_named(const std::string& name) const;
};

}  // namespace aion::scenario
