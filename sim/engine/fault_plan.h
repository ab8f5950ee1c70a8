// Fault injection at the platform's seams, configured per named site.
//
// Sites:
//   thread_start_fails  start_thread returns an error (the body never runs).
//   wakeup_delayed      a waiter woken by notify becomes runnable only after a virtual delay,
//                       uniform in [1 us, max_wakeup_delay].
//   extra_yield         at a scheduling point the running fiber must yield to another
//                       runnable fiber (a forced preemption).
//   spurious_wakeup     CondVar::wait / wait_for returns without a notify.
// Each opportunity at a site fires with the site's probability, decided by a hash of the
// site's seed (derived from the run seed, stream "fault:<site>"), the fiber's identity (where
// it was started, causal_hash.h) and how many opportunities at the site the fiber had before:
// not by the order of fibers, so two independent transitions that swap keep their faults, and
// a search over orders (por, dpor) sees the same faults in equivalent runs. Faults never
// consume the scheduling stream, so enabling or tuning a site leaves the scheduling choices
// of every seed unchanged, and a site at probability 0 decides nothing at all. Fired faults are
// recorded in the run's schedule (so a replay needs no plan), in its trace, and counted per site.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "platform/platform.h"

namespace aion::sim {

enum class FaultSite : std::uint8_t {
  kThreadStartFails,
  kWakeupDelayed,
  kExtraYield,
  kSpuriousWakeup,
};

inline constexpr std::size_t kFaultSiteCount = 4;

std::string_view fault_site_name(FaultSite site);

struct FaultPlan {
  std::array<double, kFaultSiteCount> probability{};  // per site, in [0, 1]
  platform::Nanos max_wakeup_delay = 10 * platform::kMillisecond;

  FaultPlan& set(FaultSite site, double p) {
    probability[static_cast<std::size_t>(site)] = p;
    return *this;
  }
  double get(FaultSite site) const { return probability[static_cast<std::size_t>(site)]; }
};

// Per-run counters, per site: how often a fault could have fired, and how often it did.
struct FaultCounts {
  std::array<std::uint64_t, kFaultSiteCount> opportunities{};
  std::array<std::uint64_t, kFaultSiteCount> injected{};

  std::uint64_t injected_at(FaultSite site) const {
    return injected[static_cast<std::size_t>(site)];
  }
  std::uint64_t opportunities_at(FaultSite site) const {
    return opportunities[static_cast<std::size_t>(site)];
  }
};

}  // namespace aion::sim
