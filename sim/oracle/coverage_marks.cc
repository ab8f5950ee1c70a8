#include "sim/oracle/coverage_marks.h"

#include <map>
#include <vector>

namespace aion::oracle {
namespace {

using scenario::EventKind;

constexpr std::array<const char*, kMarkCount> kMarkNames = {
    "monitor-on-exited",           "monitor-raced-exit",
    "monitor-in-exit-window",      "never-spawned-refused",
    "duplicate-refused",           "delivery-refused-after-exit",
    "delivery-raced-drain",        "tombstone-evicted-while-monitored",
    "thread-start-failure-undone", "shutdown-raced-monitor",
};

struct Moments {
  std::uint64_t exit = UINT64_MAX;
  std::uint64_t left = UINT64_MAX;
  std::uint64_t callback = UINT64_MAX;
  std::vector<std::uint64_t> drains;
  std::vector<std::uint64_t> evictions;
};

}  // namespace

const char* mark_name(Mark mark) { return kMarkNames[static_cast<std::size_t>(mark)]; }

CoverageMarks& CoverageMarks::operator+=(const CoverageMarks& other) {
  for (std::size_t i = 0; i < kMarkCount; ++i) counts[i] += other.counts[i];
  return *this;
}

std::string CoverageMarks::describe() const {
  std::string text;
  for (std::size_t i = 0; i < kMarkCount; ++i) {
    text += (i ? " " : "") + std::string(kMarkNames[i]) + "=" + std::to_string(counts[i]);
  }
  return text;
}

CoverageMarks marks_of(const scenario::RunRecord& record) {
  std::map<runtime::Pid, Moments> moments;
  for (const auto& event : record.events) {
    auto& m = moments[event.pid];
    switch (event.kind) {
      case EventKind::kExitPublished:
        m.exit = std::min(m.exit, event.seq);
        break;
      case EventKind::kLeftLiveTable:
        m.left = std::min(m.left, event.seq);
        break;
      case EventKind::kCallback:
        m.callback = std::min(m.callback, event.seq);
        break;
      case EventKind::kCompletionsDrained:
        m.drains.push_back(event.seq);
        break;
      case EventKind::kTombstoneEvicted:
        m.evictions.push_back(event.seq);
        break;
      default:
        break;
    }
  }
  CoverageMarks marks;
  for (const auto& op : record.ops) {
    const Moments& m = moments[op.pid];
    if (std::holds_alternative<scenario::op::Monitor>(op.op)) {
      if (op.ok && m.exit < op.invoked) ++marks[Mark::kMonitorOnExited];
      if (m.exit > op.invoked && m.exit < op.returned) ++marks[Mark::kMonitorRacedExit];
      if (op.ok && m.exit < op.invoked && m.left > op.returned) ++marks[Mark::kMonitorInExitWindow];
      if (op.error == runtime::ErrorKind::kNeverSpawned) ++marks[Mark::kNeverSpawnedRefused];
      if (op.error == runtime::ErrorKind::kAlreadyMonitored ||
          op.error == runtime::ErrorKind::kOutcomeConsumed) {
        ++marks[Mark::kDuplicateRefused];
      }
      if (op.error == runtime::ErrorKind::kThreadStartFailed) {
        ++marks[Mark::kThreadStartFailureUndone];
      }
      if (op.error == runtime::ErrorKind::kShutDown) ++marks[Mark::kShutdownRacedMonitor];
      if (op.ok) {
        for (auto eviction : m.evictions) {
          if (eviction > op.returned && eviction < m.callback) {
            ++marks[Mark::kTombstoneEvictedWhileMonitored];
            break;
          }
        }
      }
    } else if (std::holds_alternative<scenario::op::Deliver>(op.op)) {
      if (op.error == runtime::ErrorKind::kDeliveryRefused)
        ++marks[Mark::kDeliveryRefusedAfterExit];
      for (auto drain : m.drains) {
        if (drain > op.invoked && drain < op.returned) ++marks[Mark::kDeliveryRacedDrain];
      }
    }
  }
  // Only shutdowns the scenario asked for: the final one after quiescence
  // fires every parked monitor and says nothing about a race.
  std::uint64_t quiescent = UINT64_MAX;
  for (const auto& event : record.events) {
    if (event.kind == EventKind::kQuiescent) quiescent = std::min(quiescent, event.seq);
  }
  for (const auto& event : record.events) {
    if (event.kind == EventKind::kCallback && event.error == runtime::ErrorKind::kShutDown &&
        event.seq < quiescent) {
      ++marks[Mark::kShutdownRacedMonitor];
    }
  }
  return marks;
}

}  // namespace aion::oracle
