#include "sim/zoo/defect_hunt.h"

#include <algorithm>
#include <chrono>

#include "sim/engine/rng.h"
#include "sim/engine/strategy_registry.h"
#include "sim/lifecycle/case_shrinker.h"
#include "sim/lifecycle/program_runs.h"
#include "sim/scenario/scenario_sampler.h"

namespace aion::zoo {
namespace {

using Clock = std::chrono::steady_clock;

// Schedules explored per drawn scenario before a systematic hunt moves on:
// the bound keeps one huge scenario from taking the whole budget.
constexpr std::size_t kSchedulesPerScenario = 200;

lifecycle::CaseOptions options_for(runtime::RuntimeDefects defects) {
  lifecycle::CaseOptions options;
  options.runtime.defects = defects;
  return options;
}

// The hunt's index-th scenario and seed.
lifecycle::LifecycleCase draw(std::uint64_t seed, std::size_t index) {
  static const scenario::Profile mix = scenario::builtin_mix();
  const std::uint64_t draw_seed = seed * 1'000'003 + index;
  lifecycle::LifecycleCase c;
  c.scenario = scenario::sample_scenario(mix, draw_seed);
  c.seed = sim::derive_seed(draw_seed, "case_seed");
  return c;
}

template <typename T>
T median_of(std::vector<T> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

std::vector<sim::StrategySpec> zoo_strategies() { return sim::compared_forms(); }

HuntResult hunt(lifecycle::CaseRunner& runner, runtime::RuntimeDefects defects,
                const sim::StrategySpec& strategy, std::uint64_t seed, std::size_t max_runs) {
  const lifecycle::CaseOptions options = options_for(defects);
  auto program = [&](std::size_t index) {
    lifecycle::LifecycleCase c = draw(seed, index);
    c.strategy = strategy.systematic() ? lifecycle::LifecycleCase{}.strategy : strategy;
    return c;
  };
  std::vector<lifecycle::LifecycleCase> calibration;
  if (!strategy.is_complete()) {
    for (std::size_t index = 0; index < lifecycle::kCalibrationRuns; ++index) {
      calibration.push_back(program(index));
    }
  }
  const sim::StrategySpec used = lifecycle::calibrate(runner, strategy, calibration, options);
  HuntResult result;
  result.strategy_used = used.text();
  const auto start = Clock::now();
  lifecycle::ProgramCallbacks callbacks;
  callbacks.ran = [&](const lifecycle::LifecycleCase& c, const lifecycle::CaseResult& run) {
    ++result.runs;
    if (!run.failed()) return true;
    result.found = true;
    result.invariant = run.invariant();
    result.failing = lifecycle::as_generated(c, run.run.schedule);
    return false;
  };
  const std::size_t per_program = used.systematic() ? kSchedulesPerScenario : max_runs;
  for (std::size_t index = 0; result.runs < max_runs && !result.found; ++index) {
    lifecycle::run_program(runner, used, program(index), options,
                           std::min(per_program, max_runs - result.runs), callbacks);
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return result;
}

ZooCell run_zoo_cell(lifecycle::CaseRunner& runner, runtime::Defect defect,
                     const sim::StrategySpec& strategy, const ZooOptions& options) {
  ZooCell cell{defect, strategy, {}};
  std::vector<std::size_t> runs;
  std::vector<double> seconds;
  const auto defects = runtime::RuntimeDefects::only(defect);
  for (std::size_t s = 0; s < options.seeds; ++s) {
    const HuntResult found =
        hunt(runner, defects, strategy, options.base_seed + s, options.max_runs);
    if (cell.seeds++ == 0) cell.strategy_used = found.strategy_used;
    runs.push_back(found.runs);
    seconds.push_back(found.seconds);
    if (!found.found) continue;
    if (cell.found++ == 0) {
      const auto shrunk =
          lifecycle::shrink_case(runner, found.failing, options_for(defects), options.shrink_runs);
      cell.invariant = shrunk.result.invariant();
      cell.shrunk_operations = shrunk.smallest.scenario.operation_count();
      cell.shrunk_preemptions = lifecycle::preemptions_of(shrunk.result);
    }
  }
  cell.median_runs = median_of(runs);
  cell.worst_runs = *std::max_element(runs.begin(), runs.end());
  cell.median_seconds = median_of(seconds);
  return cell;
}

}  // namespace aion::zoo
