// What a finding says: who is blocked on what, and where a livelock spins.
#include <algorithm>
#include <exception>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <utility>

#include "sim/engine/scheduler.h"
#include "sim/engine/scheduler_support.h"

namespace aion::sim::detail {

std::string Scheduler::describe_block(const Fiber& fiber) const {
  switch (fiber.block) {
    case BlockKind::kLock: {
      const auto* mutex = static_cast<const MutexState*>(fiber.blocked_on);
      if (mutex == nullptr) return "lock on a destroyed mutex";
      std::string text = "lock on mutex " + quoted(mutex->name);
      if (mutex->owner != nullptr) text += " held by fiber " + quoted(mutex->owner->name);
      return text;
    }
    case BlockKind::kWait: {
      const auto* condvar = static_cast<const CondVarState*>(fiber.blocked_on);
      return condvar == nullptr ? "wait on a destroyed condvar"
                                : "wait on condvar " + quoted(condvar->name);
    }
    case BlockKind::kJoin:
      return "join on thread " + quoted(static_cast<const Fiber*>(fiber.blocked_on)->name);
    case BlockKind::kSleep:
      return "sleep";
    case BlockKind::kDelayedWake:
      return "a delayed wake-up";
    case BlockKind::kNone:
      break;
  }
  return "nothing";
}

std::string Scheduler::describe_livelock() const {
  std::string text = "no progress for " + std::to_string(step_ - last_progress_step_) +
                     " scheduling points, the last " + std::to_string(step_ - fair_since_) +
                     " of them scheduled fairly; still running:";
  bool first = true;
  for (std::uint32_t i = 0; i < fiber_count_; ++i) {
    const Fiber& fiber = *fibers_[i];
    if (fiber.fair_points == 0) continue;
    text += first ? " " : "; ";
    first = false;
    text += "fiber " + quoted(fiber.name) + " (" + std::to_string(fiber.fair_points) +
            " points, last at";
    // Its last few points, oldest first, each once: the loop it spins in.
    std::vector<std::string> seen;
    const std::size_t kept = std::min<std::uint64_t>(fiber.fair_points, Fiber::kRecentPoints);
    for (std::size_t k = kept; k-- > 0;) {
      const std::size_t slot = (fiber.fair_points - 1 - k) % Fiber::kRecentPoints;
      const std::string point =
          std::string(op_name(fiber.recent_ops[slot])) +
          (fiber.recent_objects[slot].empty() ? "" : " " + quoted(fiber.recent_objects[slot]));
      if (std::find(seen.begin(), seen.end(), point) != seen.end()) continue;
      text += (seen.empty() ? " " : ", ") + point;
      seen.push_back(point);
    }
    text += ")";
  }
  return text;
}

std::string Scheduler::describe_blocked() const {
  std::string text = "no fiber can run and no timer is pending:";
  bool first = true;
  for (std::uint32_t i = 0; i < fiber_count_; ++i) {
    const Fiber& fiber = *fibers_[i];
    if (fiber.state == FiberState::kFinished) continue;
    text += first ? " " : "; ";
    first = false;
    text += "fiber " + quoted(fiber.name) + " blocked in " + describe_block(fiber);
  }
  return text;
}

}  // namespace aion::sim::detail
