// What each unit of work of a campaign is. Unit i's scenario, seed and choice
// list depend only on the campaign seed and i, never on which worker runs it
// or when, which is what makes a campaign's results the same for any --jobs.
// With a case strategy (random, pct, generated) a unit is one run; with
// exhaustive:K it is one scenario, walked schedule by schedule.
#pragma once

#include <cstdint>
#include <optional>

#include "runtime/runtime_defects.h"
#include "sim/cli/strategy_choice.h"
#include "sim/lifecycle/lifecycle_case.h"
#include "sim/scenario/scenario.h"

namespace aion::cli {

struct CampaignPlan {
  std::optional<scenario::Scenario> scenario;  // --scenario; otherwise the builtin mix
  StrategyChoice strategy;
  std::uint64_t seed = 0;
  // Race classes switched on in the runtime under test (--defects).
  runtime::RuntimeDefects defects;

  bool exhaustive() const { return std::holds_alternative<Exhaustive>(strategy); }
};

std::uint64_t unit_seed(std::uint64_t campaign_seed, std::uint64_t unit);

// The fixed scenario, or the builtin mix's case drawn from the unit seed.
// Safe to call from several threads.
scenario::Scenario scenario_of(const CampaignPlan& plan, std::uint64_t unit);

// The unit as one case (a plan with a case strategy only).
lifecycle::LifecycleCase case_of(const CampaignPlan& plan, std::uint64_t unit);

}  // namespace aion::cli
