#include "sim/engine/trace.h"

namespace aion::sim {

std::string_view op_name(Op op) {
  switch (op) {
    case Op::kLock:
      return "lock";
    case Op::kUnlock:
      return "unlock";
    case Op::kWait:
      return "wait";
    case Op::kNotifyOne:
      return "notify_one";
    case Op::kNotifyAll:
      return "notify_all";
    case Op::kStartThread:
      return "start_thread";
    case Op::kStartFailed:
      return "start_failed";
    case Op::kJoin:
      return "join";
    case Op::kSleep:
      return "sleep";
    case Op::kNow:
      return "now";
    case Op::kYield:
      return "yield";
    case Op::kSwitch:
      return "switch";
    case Op::kTimer:
      return "timer";
    case Op::kFault:
      return "fault";
    case Op::kFinish:
      return "finish";
    case Op::kNote:
      return "note";
    case Op::kRead:
      return "read";
    case Op::kWrite:
      return "write";
  }
  return "unknown";
}

std::string_view switch_reason_name(SwitchReason reason) {
  switch (reason) {
    case SwitchReason::kNone:
      return "";
    case SwitchReason::kPreempted:
      return "preempted";
    case SwitchReason::kBlocked:
      return "blocked";
    case SwitchReason::kFinished:
      return "finished";
    case SwitchReason::kYield:
      return "yield";
    case SwitchReason::kTimer:
      return "timer";
  }
  return "unknown";
}

}  // namespace aion::sim
