// RunRecord: everything a scenario run observed, in the order it happened:
// the result of each operation, each monitor callback, and the lifecycle
// transitions the runtime reported. The oracle judges a run from this alone.
// Sequence numbers order everything; in simulation there is one total order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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
};

struct RunRecord {
  std::vector<OpRecord> ops;
  std::vector<runtime::Pid> label_pids;  // pid of each label; kNoPid if its spawn failed
  std::vector<Event> events;
  runtime::RuntimeCounts at_quiescence;
  runtime::RuntimeCounts after_shutdown;
  bool runtime_started = true;
  std::string start_error;
};

}  // namespace aion::scenario
