// A run's schedule: the list of choices it made, in order. Schedules are plain data: a run is
// reproducible from its schedule alone (ReplayStrategy), and they print and parse as text.
//
// Only real choices are listed: a scheduling decision with a single runnable fiber, or a fault
// opportunity that did not fire, leaves no entry.
// - Scheduling choice: `value` is the position of the chosen fiber among the `options`
//   runnable fibers (ascending creation order); `preemption` marks a switch away from a fiber
//   that could have kept running.
// - Fault choice: the fault at `site` fired; `value` is its parameter (1 for yes/no faults, the
//   delay in microseconds for wakeup_delayed) out of `options` possible values.
// Text form, one token per choice separated by spaces: `3/4@17` (value 3 of 4 at step 17,
// scheduling), `3/4@17!` (the same, a preemption), `f:wakeup_delayed=250/10001@40` (fault),
// `f:wakeup_delayed=250/10001@40+2` (a fault at the site's third opportunity in step 40).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/engine/fault_plan.h"

namespace aion::sim {

enum class ChoiceKind : std::uint8_t { kSchedule, kFault };

struct Choice {
  std::uint64_t step = 0;  // scheduling point at which the choice was made
  std::uint32_t value = 0;
  std::uint32_t options = 0;
  ChoiceKind kind = ChoiceKind::kSchedule;
  FaultSite site = FaultSite::kThreadStartFails;  // meaningful for fault choices only
  bool preemption = false;
  std::uint32_t nth = 0;  // for a fault: which opportunity at its site in the step, from 0

  friend bool operator==(const Choice&, const Choice&) = default;
};

using Schedule = std::vector<Choice>;

std::size_t count_preemptions(const Schedule& schedule);

std::string format_schedule(const Schedule& schedule);
// Inverse of format_schedule; nullopt on malformed text.
std::optional<Schedule> parse_schedule(std::string_view text);

}  // namespace aion::sim
