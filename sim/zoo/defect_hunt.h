// Defect hunts: how fast a strategy finds a re-created race class. A hunt runs
// cases drawn from the built-in scenario mix (the same draws for every
// strategy, from the hunt's seed) against the runtime with one defect on,
// until the oracle or the simulator reports a failure, and says after how many
// runs and how much wall time. The zoo repeats hunts over seeds and tabulates
// the median and the worst.
//
// Strategies: the zoo forms of every strategy in the registry (random, PCT of
// depth 1-3, exhaustive enumeration with preemption bound 1 or 2, ...). Each
// drawn scenario runs as the strategy asks (lifecycle::run_program): a
// systematic strategy's schedule after schedule up to a per-scenario cap, with
// faults off so that its enumeration is exact. A form that learns a parameter
// (pct:D) is first calibrated on the hunt's first draws, as explore does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/runtime_defects.h"
#include "sim/engine/strategy_kind.h"
#include "sim/lifecycle/case_runner.h"

namespace aion::zoo {

// The strategies the zoo table compares, in its column order: the registry's zoo forms.
std::vector<sim::StrategySpec> zoo_strategies();

struct HuntResult {
  bool found = false;
  std::size_t runs = 0;  // runs until the first failure (or the budget, when not found)
  double seconds = 0;
  std::string invariant;
  lifecycle::LifecycleCase failing;  // the first failing case, as a generated case
  std::string strategy_used;         // the form with every parameter the hunt used
};

// With no defect on, a hunt is the honest control: it must find nothing.
HuntResult hunt(lifecycle::CaseRunner& runner, runtime::RuntimeDefects defects,
                const sim::StrategySpec& strategy, std::uint64_t seed, std::size_t max_runs);

struct ZooCell {
  runtime::Defect defect;
  sim::StrategySpec strategy;
  std::string strategy_used;  // by the first seed's hunt
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
                     const sim::StrategySpec& strategy, const ZooOptions& options);

}  // namespace aion::zoo
