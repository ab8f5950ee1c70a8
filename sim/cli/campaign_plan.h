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
#include "sim/lifecycle/case_runner.h"
#include "sim/lifecycle/lifecycle_case.h"
#include "sim/scenario/scenario.h"

namespace aion::cli {

// By default one run in this many is also checked for determinism: a few
// per cent of a campaign's time.
inline constexpr std::uint64_t kDeterminismSample = 64;

struct CampaignPlan {
  std::optional<scenario::Scenario> scenario;  // --scenario; otherwise the builtin mix
  StrategyChoice strategy;
  std::uint64_t seed = 0;
  // Defects switched on in the runtime under test (--defects).
  runtime::RuntimeDefects defects;
  // Every this many units (case strategies only), the case runs twice and must
  // give the same run; 1 checks every run (--check-determinism), 0 none.
  std::uint64_t determinism_every = kDeterminismSample;
  // Scheduling points a run may take (--max-steps).
  std::uint64_t max_steps = lifecycle::CaseOptions{}.max_steps;
  // This campaign is part `shard_index` of `shard_count` (--shard I/N): it runs the units
  // whose index is shard_index modulo shard_count, so the parts are disjoint and together
  // the whole campaign.
  std::uint64_t shard_index = 0;
  std::uint64_t shard_count = 1;

  // The campaign's j-th unit: its index among all units.
  std::uint64_t unit_at(std::uint64_t j) const { return shard_index + j * shard_count; }
  // How many of the first `units` units are this shard's.
  std::uint64_t units_of_shard(std::uint64_t units) const {
    return units > shard_index ? (units - shard_index + shard_count - 1) / shard_count : 0;
  }

  bool exhaustive() const { return std::holds_alternative<Exhaustive>(strategy); }
};

std::uint64_t unit_seed(std::uint64_t campaign_seed, std::uint64_t unit);

// The fixed scenario, or the builtin mix's case drawn from the unit seed.
// Safe to call from several threads.
scenario::Scenario scenario_of(const CampaignPlan& plan, std::uint64_t unit);

// The unit as one case (a plan with a case strategy only).
lifecycle::LifecycleCase case_of(const CampaignPlan& plan, std::uint64_t unit);

}  // namespace aion::cli
