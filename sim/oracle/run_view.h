// RunView: what the family checkers judge a run from (its scenario, its record,
// the record regrouped per pid) and the words their findings use.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>

#include "runtime/exit_record.h"
#include "runtime/outcome.h"
#include "runtime/pid.h"
#include "sim/oracle/pid_histories.h"
#include "sim/oracle/violation.h"
#include "sim/scenario/run_record.h"
#include "sim/scenario/scenario.h"

namespace aion::oracle {

struct RunView {
  const scenario::Scenario& scenario;
  const scenario::RunRecord& record;
  const PidHistories& histories;

  // Whether the run got to its end. A record of a run the simulator stopped is
  // judged only by what must hold of every prefix of a run (nothing twice, nothing
  // out of order); what needs the end (quiescence, linearizability) waits for it.
  bool complete() const { return record.complete; }
  // "process 3 (p1)"
  std::string name_of(runtime::Pid pid) const;
  const std::string& thread_name(std::uint32_t thread) const;
  // "'monitor p1' (branch 2)"
  static std::string describe_op(const scenario::OpRecord& op);
};

// The name the contract gives the monitor thread of `pid`.
std::string monitor_thread_name(runtime::Pid pid);

// The outcome a monitor must report for a published exit (the runtime's own
// conversion, restated so that the oracle does not trust the code it judges).
runtime::WorkflowProcessOutcome expected_outcome(runtime::Pid pid, const runtime::ExitRecord& exit);

std::string render(const runtime::WorkflowProcessOutcome& outcome);

// Whether an accepted delivery of `correlation` was made to the history's pid.
bool delivered(const PidHistory& history, runtime::Correlation correlation);

void add(Violations& out, Invariant invariant, std::string sentence,
         std::initializer_list<std::uint64_t> seqs = {});

}  // namespace aion::oracle
