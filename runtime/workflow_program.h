// WorkflowProgram: the script a workflow process runs, one step after another.
//
// The steps are enough to produce every lifecycle shape: reductions of work
// (each a yield point for the scheduler), awaiting activity completions by
// correlation id (all of them, or the first of several: a race whose losers
// are never taken), sleeping, and the ways a process ends: complete with a
// value (its result is {ok, V}), fail (its result is {error, E}), crash (an
// abnormal VM exit), or park until cancelled. A program that runs off its end
// completes with an empty payload; steps after a terminal step never run.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "platform/platform.h"

namespace aion::runtime {

using Correlation = std::uint64_t;

namespace step {

struct Work {
  std::uint32_t reductions;
};
struct AwaitAll {
  std::vector<Correlation> correlations;
};
struct AwaitAny {
  std::vector<Correlation> correlations;
};
struct Sleep {
  platform::Nanos duration;
};
struct Complete {
  std::string value;
};
// Completes with the payloads this process took, in the order it took them,
// joined by ','.
struct CompleteWithTaken {};
struct Fail {
  std::string reason;
};
struct Crash {
  std::string error;
};
struct RunUntilCancelled {};

}  // namespace step

using Step =
    std::variant<step::Work, step::AwaitAll, step::AwaitAny, step::Sleep, step::Complete,
                 step::CompleteWithTaken, step::Fail, step::Crash, step::RunUntilCancelled>;

struct WorkflowProgram {
  std::vector<Step> steps;

  WorkflowProgram& work(std::uint32_t reductions);
  WorkflowProgram& await_all(std::vector<Correlation> correlations);
  WorkflowProgram& await_any(std::vector<Correlation> correlations);
  WorkflowProgram& sleep(platform::Nanos duration);
  WorkflowProgram& complete(std::string value);
  WorkflowProgram& complete_with_taken();
  WorkflowProgram& fail(std::string reason);
  WorkflowProgram& crash(std::string error);
  WorkflowProgram& run_until_cancelled();

  // A one-line rendering, e.g. "work(3); await_any(1,2); complete(ok)".
  std::string describe() const;
};

}  // namespace aion::runtime
