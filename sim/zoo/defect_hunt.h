// Defect hunts: how fast a strategy finds a re-created race class. A hunt runs
// cases drawn from the built-in scenario mix (the same draws for every
// strategy, from the hunt's seed) against the runtime with one defect on,
// until the oracle or the simulator reports a failure, and says after how many
// runs and how much wall time. The zoo repeats hunts over seeds and tabulates
// the median and the worst.
//
// Strategies: the random walk, PCT of depth 1-3, and bounded exhaustive
// enumeration with preemption bound 1 or 2 (each drawn scenario explored
// schedule by schedule, up to a per-scenario cap, faults off so that the
// enumeration is exact).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/runtime_defects.h"
#include "sim/lifecycle/case_runner.h"

namespace aion::zoo {

enum class HuntKind : std::uint8_t { kRandom, kPct, kExhaustive };

struct HuntStrategy {
  HuntKind kind = HuntKind::kRandom;
  std::uint32_t parameter = 0;  // PCT depth, or preemption bound

  // "random", "pct(d=2)", "exhaustive(pb=1)".
  std::string describe() const;
};

// The strategies the zoo table compares, in its column order.
std::vector<HuntStrategy> zoo_strategies();

struct HuntResult {
  bool found = false;
  std::size_t runs = 0;  // runs until the first failure (or the budget, when not found)
  double seconds = 0;
  std::string invariant;
  lifecycle::LifecycleCase failing;  // the first failing case, as a generated case
};

// With no defect on, a hunt is the honest control: it must find nothing.
HuntResult hunt(lifecycle::CaseRunner& runner, runtime::RuntimeDefects defects,
                const HuntStrategy& strategy, std::uint64_t seed, std::size_t max_runs);

struct ZooCell {
  runtime::Defect defect;
  HuntStrategy strategy;
  std::size_t seeds = 0;
  std::size_t found = 0;        // seeds whose hunt found the defect
  std::size_t median_runs = 0;  // over the seeds (a miss counts as the budget)
  std::size_t worst_runs = 0;
  double median_seconds = 0;
  std::string invariant;              // of the first seed's finding
  std::size_t shrunk_operations = 0;  // of the first seed's finding, shrunk
  std::size_t shrunk_preemptions = 0;
};

struct ZooOptions {
  std::size_t seeds = 20;
  std::size_t max_runs = 2000;
  std::size_t shrink_runs = 400;
  std::uint64_t base_seed = 1;
};

ZooCell run_zoo_cell(lifecycle::CaseRunner& runner, runtime::Defect defect,
                     const HuntStrategy& strategy, const ZooOptions& options);

}  // namespace aion::zoo
