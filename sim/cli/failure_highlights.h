// Which events of a recorded trace show the failure, for the HTML page:
// - when the simulator ended the run (a deadlock: an operation blocked
//   forever; a livelock; an exception), the last event of every fiber that
//   never finished: where each one was stuck;
// - the scenario's notes for the record entries the violation points at
//   (`seqs`: for a linearizability finding, the operations no order explains);
// - for a violation that points at nothing (a sentence recorded in a file),
//   the yield points whose subject is the pid its sentence names ("... process
//   3 ..."), and the start of that pid's monitor thread.
// A passing run with no sentence highlights nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/run_result.h"
#include "sim/engine/trace.h"

namespace aion::cli {

// The first "process <pid>" in a sentence.
std::optional<std::uint64_t> pid_named_in(const std::string& sentence);

// One flag per event of `trace`.
std::vector<bool> failure_highlights(const sim::Trace& trace, sim::Outcome outcome,
                                     const std::vector<std::uint64_t>& seqs,
                                     const std::string& sentence);

}  // namespace aion::cli
