// RuntimeDefects: the race classes of ../shared/spec/race-classes.md, re-created
// as defects that can be switched on, one by one, for the bug zoo. All are off
// by default, and then the runtime is exactly the correct one. Each lives in
// the code where its class lived, written as the code that once shipped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace aion::runtime {

enum class Defect : std::uint8_t {
  kR1NoDrain,  // the monitor releases heaps and NIF state but never drains completions
  kR2MonitorChecksLiveness,      // monitor_process accepts only pids still in the live table
  kR3DeliveryCheckThenRetain,    // delivery decides liveness, unlocks, then retains
  kR4DeliveryTrustsLiveTable,    // delivery tests is_live, not whether the exit was published
  kR5NoInstallUndo,              // a monitor thread that cannot start leaves its process unowned
  kR6DuplicateMonitors,          // a second monitor on a pid is accepted
  kR7WaitOnTombstone,            // the monitor waits for the pid's tombstone, which churn evicts
  kR8CallbackDroppedAtShutdown,  // a claimed callback is dropped once shutdown has begun
};

inline constexpr int kDefectCount = 8;

// "R1".."R8".
std::string_view defect_name(Defect defect);
std::optional<Defect> defect_from_name(std::string_view name);
// One line on what the defect does.
std::string_view defect_summary(Defect defect);

class RuntimeDefects {
 public:
  RuntimeDefects() = default;
  static RuntimeDefects only(Defect defect) {
    RuntimeDefects defects;
    defects.mask_ = 1u << static_cast<unsigned>(defect);
    return defects;
  }

  bool has(Defect defect) const { return (mask_ >> static_cast<unsigned>(defect)) & 1u; }
  bool any() const { return mask_ != 0; }
  RuntimeDefects& add(Defect defect) {
    mask_ |= 1u << static_cast<unsigned>(defect);
    return *this;
  }

  // "R3 R7", or "" for none.
  std::string describe() const;
  // The inverse of describe(); nothing when a name is not a defect.
  static std::optional<RuntimeDefects> parse(std::string_view text);

  bool operator==(const RuntimeDefects&) const = default;

 private:
  std::uint32_t mask_ = 0;
};

}  // namespace aion::runtime
