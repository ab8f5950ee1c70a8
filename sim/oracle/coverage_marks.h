// Coverage marks: how often a run reached the situations the lifecycle
// properties exist to explore. A campaign that never reached one has not
// tested it, whatever it reports, so the properties fail on a zero mark.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "sim/scenario/run_record.h"

namespace aion::oracle {

enum class Mark : std::uint8_t {
  kMonitorOnExited,      // a monitor accepted after its process's exit was published
  kMonitorRacedExit,     // the exit was published while the monitor call was under way
  kMonitorInExitWindow,  // accepted between exit publication and leaving the live table
  kNeverSpawnedRefused,  // a monitor refused for a pid never spawned
  kDuplicateRefused,     // a second monitor refused (already monitored or consumed)
  kDeliveryRefusedAfterExit,
  kDeliveryRacedDrain,  // a delivery under way while the pid's completions were drained
  kTombstoneEvictedWhileMonitored,
  kThreadStartFailureUndone,
  kShutdownRacedMonitor,  // a monitor refused or fired because of shutdown
};

inline constexpr std::size_t kMarkCount = 10;

const char* mark_name(Mark mark);

struct CoverageMarks {
  std::array<std::uint64_t, kMarkCount> counts{};

  std::uint64_t& operator[](Mark mark) { return counts[static_cast<std::size_t>(mark)]; }
  std::uint64_t operator[](Mark mark) const { return counts[static_cast<std::size_t>(mark)]; }
  CoverageMarks& operator+=(const CoverageMarks& other);
  // "monitor-on-exited=12 monitor-raced-exit=3 ..."
  std::string describe() const;
};

CoverageMarks marks_of(const scenario::RunRecord& record);

}  // namespace aion::oracle
