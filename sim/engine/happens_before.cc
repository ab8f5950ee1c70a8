#include "sim/engine/happens_before.h"

#include <algorithm>

#include "sim/engine/hash.h"

namespace aion::sim {
namespace {

// Objects of different kinds may share a name; their histories do not (as in the class hash).
enum class Family : std::uint64_t { kNamed = 1, kCondvar = 2 };

std::uint64_t key(Family family, std::uint64_t object) {
  return mix64(object + static_cast<std::uint64_t>(family) * 0x9e3779b97f4a7c15ULL);
}

}  // namespace

void HappensBefore::clear() {
  steps_.clear();
  clocks_.clear();
  for (auto& clock : fiber_clocks_) clock.clear();
  fiber_last_.clear();
  last_note_ = -1;
  objects_.clear();
  mutexes_.clear();
  unstarted_.clear();
  thread_fibers_.clear();
}

std::vector<std::uint32_t>& HappensBefore::clock_of(std::uint32_t fiber) {
  if (fiber >= fiber_clocks_.size()) fiber_clocks_.resize(fiber + 1);
  if (fiber >= fiber_last_.size()) fiber_last_.resize(fiber + 1, -1);
  return fiber_clocks_[fiber];
}

bool HappensBefore::before(std::int32_t earlier, const std::uint32_t* clock,
                           std::size_t width) const {
  const Step& step = steps_[static_cast<std::size_t>(earlier)];
  return step.fiber < width && clock[step.fiber] > step.local;
}

bool HappensBefore::before(std::int32_t earlier, std::int32_t later) const {
  const Step& step = steps_[static_cast<std::size_t>(later)];
  return before(earlier, clocks_.data() + step.clock, step.width);
}

void HappensBefore::join_step(std::vector<std::uint32_t>& clock, std::int32_t step_index) const {
  if (step_index < 0) return;
  const Step& step = steps_[static_cast<std::size_t>(step_index)];
  if (clock.size() < step.width) clock.resize(step.width, 0);
  for (std::uint32_t f = 0; f < step.width; ++f) {
    clock[f] = std::max(clock[f], clocks_[step.clock + f]);
  }
}

void HappensBefore::woke(std::uint32_t fiber, std::uint32_t waker) {
  std::vector<std::uint32_t>& clock = clock_of(fiber);
  if (waker != Strategy::kByClock) {
    if (waker < fiber_last_.size()) join_step(clock, fiber_last_[waker]);
    return;
  }
  // The clock moved because every fiber had stopped: all that ran came first.
  for (const std::int32_t last : fiber_last_) join_step(clock, last);
}

bool HappensBefore::noted(std::uint32_t fiber, std::int32_t& race) {
  race = -1;
  // Before the fiber's first transition is before every choice: nothing to order.
  if (steps_.empty() || steps_.back().fiber != fiber || steps_.back().notes) return false;
  const auto index = static_cast<std::int32_t>(steps_.size() - 1);
  Step& step = steps_.back();
  step.notes = true;
  const std::int32_t earlier = last_note_;
  last_note_ = index;
  if (earlier < 0) return true;
  if (steps_[static_cast<std::size_t>(earlier)].fiber != fiber && !before(earlier, index)) {
    race = earlier;
  }
  // The step is the latest, its clock the last in clocks_: it grows in place.
  std::vector<std::uint32_t> clock(clocks_.begin() + step.clock, clocks_.end());
  join_step(clock, earlier);
  join_step(fiber_clocks_[fiber], earlier);
  clocks_.resize(step.clock);
  clocks_.insert(clocks_.end(), clock.begin(), clock.end());
  step.width = static_cast<std::uint32_t>(clock.size());
  return true;
}

void HappensBefore::record(std::uint32_t fiber, const PendingOp& op, std::int32_t node,
                           std::vector<std::int32_t>& races) {
  const auto index = static_cast<std::int32_t>(steps_.size());
  std::vector<std::uint32_t> clock = clock_of(fiber);
  const std::uint32_t local = fiber < clock.size() ? clock[fiber] : 0;
  const auto race_unless_before = [&](std::int32_t other) {
    if (other >= 0 && steps_[static_cast<std::size_t>(other)].fiber != fiber &&
        !before(other, clock.data(), clock.size())) {
      races.push_back(other);
    }
  };
  std::vector<std::int32_t> depends;
  const auto access = [&](std::uint64_t object_key, bool write) {
    ObjectHistory& object = objects_[object_key];
    depends.push_back(object.last_write);
    if (!write) {
      race_unless_before(object.last_write);
      object.reads_since.push_back(index);
      return;
    }
    if (object.reads_since.empty()) race_unless_before(object.last_write);
    for (const std::int32_t read : object.reads_since) {
      depends.push_back(read);
      race_unless_before(read);
    }
    object.last_write = index;
    object.reads_since.clear();
  };
  switch (op.op) {
    case Op::kLock: {
      MutexHistory& mutex = mutexes_[op.object];
      // Held by another fiber and taken: that holder let it go in a wait, its latest step.
      const std::int32_t released =
          mutex.holder >= 0 && static_cast<std::uint32_t>(mutex.holder) != fiber
              ? fiber_last_[static_cast<std::size_t>(mutex.holder)]
              : mutex.released;
      depends.push_back(released);
      race_unless_before(mutex.acquired);
      mutex.holder = static_cast<std::int32_t>(fiber);
      mutex.acquired = index;
      break;
    }
    case Op::kUnlock: {
      MutexHistory& mutex = mutexes_[op.object];
      mutex.holder = -1;
      mutex.released = index;
      break;
    }
    case Op::kWait:
    case Op::kNotifyOne:
    case Op::kNotifyAll:
      access(key(Family::kCondvar, op.object), true);
      break;
    case Op::kRead:
    case Op::kWrite:
      access(key(Family::kNamed, op.object), op.op == Op::kWrite);
      break;
    case Op::kStartThread: {
      // A fiber's first transition is its own start (by name) once another fiber started a
      // thread of that name; it follows that start, which it cannot precede.
      auto& unstarted = unstarted_[op.object];
      if (local == 0 && !unstarted.empty()) {
        thread_fibers_[op.object] = fiber;
        depends.push_back(unstarted.front());
        unstarted.erase(unstarted.begin());
      } else {
        unstarted.push_back(index);
      }
      break;
    }
    case Op::kJoin:
      // It completes once the thread has ended, after all the thread did.
      if (const auto joined = thread_fibers_.find(op.object); joined != thread_fibers_.end()) {
        depends.push_back(fiber_last_[joined->second]);
      }
      break;
    default:
      break;
  }
  for (const std::int32_t step : depends) join_step(clock, step);
  if (clock.size() <= fiber) clock.resize(fiber + 1, 0);
  clock[fiber] = local + 1;
  Step step;
  step.fiber = fiber;
  step.local = local;
  step.node = node;
  step.clock = static_cast<std::uint32_t>(clocks_.size());
  step.width = static_cast<std::uint32_t>(clock.size());
  clocks_.insert(clocks_.end(), clock.begin(), clock.end());
  steps_.push_back(step);
  fiber_clocks_[fiber] = std::move(clock);
  fiber_last_[fiber] = index;
}

}  // namespace aion::sim
