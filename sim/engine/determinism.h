// Determinism check: run the same program with the same options twice and compare the traces
// event by event. A program is deterministic under the simulator when everything it does
// depends only on what the platform gives it (no wall clock, addresses, real threads, or
// unordered iteration over pointer-keyed containers).
#pragma once

#include <functional>
#include <string>

#include "platform/platform.h"
#include "sim/engine/run_options.h"
#include "sim/engine/run_result.h"
#include "sim/engine/simulator.h"
#include "sim/engine/trace.h"

namespace aion::sim {

// Empty when equal; otherwise names the first differing event and shows both sides.
std::string first_trace_difference(const Trace& first, const Trace& second);

struct DeterminismReport {
  bool deterministic = false;
  std::string difference;  // empty when deterministic
  RunResult first;
  RunResult second;
};

// Runs `main_body` twice with `options` (trace recording forced on). The strategy must make
// the same choices for the same seed (random walk, PCT with a fixed k, replay).
DeterminismReport check_determinism(Simulator& simulator,
                                    const std::function<void(platform::Platform&)>& main_body,
                                    RunOptions options);

}  // namespace aion::sim
