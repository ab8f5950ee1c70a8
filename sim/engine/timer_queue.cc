#include "sim/engine/timer_queue.h"

#include <algorithm>

namespace aion::sim {
namespace {

// std::*_heap keep the largest element in front; "larger" here means "due earlier".
bool later(const Timer& a, const Timer& b) {
  if (a.deadline != b.deadline) return a.deadline > b.deadline;
  return a.order > b.order;
}

}  // namespace

void TimerQueue::push(platform::Nanos deadline, std::uint32_t fiber, std::uint64_t token) {
  heap_.push_back(Timer{deadline, next_order_++, fiber, token});
  std::push_heap(heap_.begin(), heap_.end(), later);
}

void TimerQueue::pop() {
  std::pop_heap(heap_.begin(), heap_.end(), later);
  heap_.pop_back();
}

}  // namespace aion::sim
