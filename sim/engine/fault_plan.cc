#include "sim/engine/fault_plan.h"

namespace aion::sim {

std::string_view fault_site_name(FaultSite site) {
  switch (site) {
    case FaultSite::kThreadStartFails:
      return "thread_start_fails";
    case FaultSite::kWakeupDelayed:
      return "wakeup_delayed";
    case FaultSite::kExtraYield:
      return "extra_yield";
    case FaultSite::kSpuriousWakeup:
      return "spurious_wakeup";
  }
  return "unknown_fault_site";
}

}  // namespace aion::sim
