// What each unit of work of a campaign is. Unit i's scenario, seed and choice
// list depend only on the campaign seed and i, never on which worker runs it
// or when, which is what makes a campaign's results the same for any --jobs.
// A unit is one program (scenario and seed): with a sampling strategy (random,
// pct, generated) one run; with a systematic one (exhaustive:K) schedule after
// schedule until the strategy has covered it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "runtime/runtime_defects.h"
#include "sim/engine/mix_strategy.h"
#include "sim/engine/strategy_kind.h"
#include "sim/lifecycle/case_runner.h"
#include "sim/lifecycle/lifecycle_case.h"
#include "sim/scenario/scenario.h"

namespace aion::cli {

// By default one run in this many is also checked for determinism: a few
// per cent of a campaign's time.
inline constexpr std::uint64_t kDeterminismSample = 64;

struct CampaignPlan {
  std::optional<scenario::Scenario> scenario;  // --scenario; otherwise the builtin mix
  // Complete: a form that learns a parameter (pct:D) is calibrated first (calibrated()).
  sim::StrategySpec strategy{&sim::mix_strategy_kind(), {}};
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
};

std::uint64_t unit_seed(std::uint64_t campaign_seed, std::uint64_t unit);

// The unit's program as a case, decoded (lifecycle::decode_case) from the unit seed's stream
// (lifecycle::SeededCaseSource) with the builtin mix or the fixed scenario: with a sampling
// strategy, the case of its one run; with a systematic one, its scenario and seed. Safe to
// call from several threads.
lifecycle::LifecycleCase case_of(const CampaignPlan& plan, std::uint64_t unit);

// The plan's strategy, completed from runs of the first lifecycle::kCalibrationRuns units'
// programs (isolated in child
// processes when `isolate`); as it is when complete.
sim::StrategySpec calibrated(const CampaignPlan& plan, bool isolate,
                             std::chrono::milliseconds watchdog);

}  // namespace aion::cli
