#include "bench/scenario_figures.h"

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "props/lifecycle_properties.h"
#include "props/property_harness.h"
#include "props/scenario_generators.h"
#include "sim/engine/engine_figures.h"
#include "sim/engine/strategy_registry.h"
#include "sim/lifecycle/case_runner.h"

namespace aion::bench {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kCasesPerSize = 5'000;
constexpr int kSuiteCases = 1'000;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Size {
  const char* name;
  props::Profile profile;
};

std::vector<Size> sizes() {
  props::Profile small = props::builtin_mix();
  small.max_prefix_spawns = 1;
  small.max_branches = 2;
  small.max_branch_ops = 2;
  props::Profile large = props::builtin_mix();
  large.min_branches = 3;
  large.max_prefix_spawns = 4;
  large.max_branch_ops = 8;
  return {{"small (1 spawn, 2 branches of <= 2 ops)", small},
          {"medium (<= 3 spawns, 2-3 branches of <= 4 ops)", props::builtin_mix()},
          {"large (<= 4 spawns, 3 branches of <= 8 ops)", large}};
}

}  // namespace

void print_scenario_figures(int repetitions) {
  lifecycle::CaseRunner runner;
  for (const Size& size : sizes()) {
    std::vector<lifecycle::LifecycleCase> cases;
    for (int i = 0; i < kCasesPerSize; ++i) {
      lifecycle::LifecycleCase c = props::sample_case(size.profile, static_cast<std::uint64_t>(i));
      c.strategy = sim::strategy_named("random");
      cases.push_back(std::move(c));
    }
    std::vector<double> runs, decisions;
    for (int r = 0; r < repetitions; ++r) {
      std::uint64_t steps = 0;
      const auto start = Clock::now();
      for (const auto& c : cases) steps += runner.run(c).run.steps;
      const double seconds = seconds_since(start);
      runs.push_back(kCasesPerSize / seconds);
      decisions.push_back(static_cast<double>(steps) / seconds);
    }
    std::printf("%-48s %8.0f runs/s  %6.2f M scheduling points/s\n", size.name, sim::median(runs),
                sim::median(decisions) / 1e6);
  }

  std::vector<double> per_thousand;
  for (int r = 0; r < repetitions; ++r) {
    const auto start = Clock::now();
    std::size_t cases = 0;
    for (props::PropertySpec spec : props::lifecycle_properties()) {
      spec.default_cases = kSuiteCases;
      spec.scalable = false;
      cases += props::run_property(spec).cases;
    }
    per_thousand.push_back(seconds_since(start) * 1000.0 / static_cast<double>(cases));
  }
  std::printf(
      "full property suite (%zu properties, generated cases, oracle): %.2f s per 1,000 cases\n",
      props::lifecycle_properties().size(), sim::median(per_thousand));
}

}  // namespace aion::bench
