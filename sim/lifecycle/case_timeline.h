// The timeline of a traced case run, in the scenario's words. The scenario's
// own events (operations begun and returned, each lifecycle transition the
// runtime reported, a thread that could not start) are first-class lines beside
// the platform operations; a filter keeps only them. For a failing run, the
// excerpt that matters: the scenario events about the processes the finding is
// about, up to where the run failed, with the finding's own events marked.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/pid.h"
#include "sim/engine/trace.h"
#include "sim/lifecycle/case_runner.h"
#include "sim/scenario/run_record.h"

namespace aion::lifecycle {

enum class TimelineFilter { kOps, kAll };

// "ops" or "all".
std::optional<TimelineFilter> timeline_filter_named(std::string_view name);

struct TimelineEvent {
  std::size_t trace_index = 0;
  bool scenario = false;               // the scenario's own event, not a platform operation
  runtime::Pid pid = runtime::kNoPid;  // what a scenario event is about
  std::uint64_t seq = UINT64_MAX;      // a scenario event's entry in the record
  std::string text;                    // what happened
  std::string line;                    // step, time, thread, then the text
};

// One entry per trace event that passes the filter, in trace order.
std::vector<TimelineEvent> case_timeline(const sim::Trace& trace, const scenario::RunRecord& record,
                                         TimelineFilter filter);

std::string render_timeline(const std::vector<TimelineEvent>& events);

// The sequence numbers a finding points at: the first violation's own entries
// (both ends of an operation), also for a run the simulator stopped.
std::vector<std::uint64_t> finding_seqs(const CaseResult& result);

struct Excerpt {
  std::vector<TimelineEvent> events;
  std::vector<bool> own;    // per event: one the finding points at
  std::size_t omitted = 0;  // matching events before the excerpt
  std::string about;        // "p0 and p2", or "every process"
};

// At most `limit` events, the last ones that matter, from a traced run.
Excerpt what_matters(const CaseResult& result, std::size_t limit);

std::string render_excerpt(const Excerpt& excerpt);

}  // namespace aion::lifecycle
