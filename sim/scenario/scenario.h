// Scenario: a lifecycle test case as data. A runtime configuration, a
// sequential prefix of operations, and two or three branches that run
// concurrently after it, as in parallel stateful testing.
//
// Processes are named by labels: the k-th spawn of the scenario (prefix
// first, then each branch in order) is p<k>; the pid it gets is known only
// when it runs. An operation may name a label spawned in the prefix or
// earlier in its own branch, or a raw pid (to aim at pids never spawned).
// Scenarios render as a short script (see scenario_text.h), one op a line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "runtime/pid.h"
#include "runtime/workflow_program.h"

namespace aion::scenario {

enum class Shape : std::uint8_t {
  kComplete,        // a little work, then {ok, "v<label>"}
  kFail,            // a little work, then {error, "e<label>"}
  kCrash,           // a VM error
  kSleep,           // sleeps 2 ms of virtual time, then completes
  kAwaitAll,        // awaits correlations 1 and 2, completes with both
  kAwaitAny,        // awaits the first of 1 and 2: the other is a race loser
  kUntilCancelled,  // parks until cancelled
  kLongWork,        // many reductions, then completes: a long exit race window
};

inline constexpr std::uint8_t kShapeCount = 8;

const char* shape_name(Shape shape);
std::optional<Shape> shape_from_name(const std::string& name);
// The program a process of this shape runs; `label` makes its values unique.
runtime::WorkflowProgram program_for(Shape shape, std::uint32_t label);

struct Target {
  bool is_label = true;
  std::uint64_t value = 0;  // a label index, or a raw pid

  bool operator==(const Target&) const = default;
};

namespace op {
struct Spawn {
  Shape shape;
  bool operator==(const Spawn&) const = default;
};
struct Monitor {
  Target target;
  bool operator==(const Monitor&) const = default;
};
struct Cancel {
  Target target;
  bool operator==(const Cancel&) const = default;
};
struct Deliver {
  Target target;
  runtime::Correlation correlation;
  bool operator==(const Deliver&) const = default;
};
// Spawns this many short processes nobody monitors: tombstone churn.
struct Churn {
  std::uint32_t processes;
  bool operator==(const Churn&) const = default;
};
// Queries: is_live's answer, recent_exit's (the tombstones), and the introspection counts.
struct IsLive {
  Target target;
  bool operator==(const IsLive&) const = default;
};
struct RecentExit {
  Target target;
  bool operator==(const RecentExit&) const = default;
};
struct Counts {
  bool operator==(const Counts&) const = default;
};
// Lets 1 ms of virtual time pass, so that runnable processes get to run.
struct Settle {
  bool operator==(const Settle&) const = default;
};
struct Shutdown {
  bool operator==(const Shutdown&) const = default;
};
}  // namespace op

using Op = std::variant<op::Spawn, op::Monitor, op::Cancel, op::Deliver, op::IsLive, op::RecentExit,
                        op::Counts, op::Churn, op::Settle, op::Shutdown>;

// The target an op names, if it names one.
const Target* target_of(const Op& op);

// Fault probabilities, in thousandths, per site of the simulator.
struct FaultRates {
  std::uint32_t thread_start_fails = 0;
  std::uint32_t wakeup_delayed = 0;
  std::uint32_t extra_yield = 0;
  std::uint32_t spurious_wakeup = 0;

  bool operator==(const FaultRates&) const = default;
};

struct Config {
  std::uint32_t schedulers = 1;
  std::uint32_t tombstones = 4;
  FaultRates faults;

  bool operator==(const Config&) const = default;
};

struct Scenario {
  Config config;
  std::vector<Op> prefix;
  std::vector<std::vector<Op>> branches;

  bool operator==(const Scenario&) const = default;

  std::size_t operation_count() const;
  // Labels spawned before each op runs are resolved at run time; this gives
  // the label each Spawn op creates, in scenario order.
  std::uint32_t spawn_count() const;
};

// Why a scenario is malformed (a label used before it exists, named from
// another branch, too many branches), or nothing when it is well formed.
std::optional<std::string> validate(const Scenario& scenario);

}  // namespace aion::scenario
