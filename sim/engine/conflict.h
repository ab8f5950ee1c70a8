// Whether two pending operations of different fibers conflict: done in the other order, they
// could end differently. They conflict when they touch the same object (by name: two objects
// of one name count as one, which only adds orders to explore) and are not two reads; lock,
// unlock, wait and notify touch their mutex or condvar, a thread's start and join its thread,
// sleeps and time reads the clock. Yield points touch nothing. What strategies that reason
// about orders (pos, por) agree on.
#pragma once

#include "sim/engine/strategy.h"

namespace aion::sim {

inline bool touches_object(Op op) {
  switch (op) {
    case Op::kLock:
    case Op::kUnlock:
    case Op::kWait:
    case Op::kNotifyOne:
    case Op::kNotifyAll:
    case Op::kStartThread:
    case Op::kJoin:
    case Op::kRead:
    case Op::kWrite:
      return true;
    default:
      return false;
  }
}

inline bool touches_clock(Op op) { return op == Op::kSleep || op == Op::kNow; }

inline bool conflicting(const PendingOp& a, const PendingOp& b) {
  if (touches_clock(a.op) && touches_clock(b.op)) return !(a.op == Op::kNow && b.op == Op::kNow);
  return touches_object(a.op) && touches_object(b.op) && a.object == b.object &&
         !(a.op == Op::kRead && b.op == Op::kRead);
}

}  // namespace aion::sim
