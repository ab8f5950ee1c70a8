#include "sim/zoo/defect_hunt.h"

#include <algorithm>
#include <chrono>

#include "props/scenario_generators.h"
#include "sim/engine/exhaustive_explorer.h"
#include "sim/lifecycle/case_shrinker.h"

namespace aion::zoo {
namespace {

using Clock = std::chrono::steady_clock;

// Schedules explored per drawn scenario before the exhaustive hunt moves on:
// the bound keeps one huge scenario from taking the whole budget.
constexpr std::size_t kSchedulesPerScenario = 200;

lifecycle::CaseOptions options_for(runtime::RuntimeDefects defects) {
  lifecycle::CaseOptions options;
  options.runtime.defects = defects;
  return options;
}

lifecycle::LifecycleCase draw(std::uint64_t seed, std::size_t index) {
  return props::sample_case(props::builtin_mix(), seed * 1'000'003 + index);
}

template <typename T>
T median_of(std::vector<T> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

std::string HuntStrategy::describe() const {
  switch (kind) {
    case HuntKind::kRandom:
      return "random";
    case HuntKind::kPct:
      return "pct(d=" + std::to_string(parameter) + ")";
    case HuntKind::kExhaustive:
      return "exhaustive(pb=" + std::to_string(parameter) + ")";
  }
  return "unknown";
}

std::vector<HuntStrategy> zoo_strategies() {
  return {{HuntKind::kRandom, 0}, {HuntKind::kPct, 1},        {HuntKind::kPct, 2},
          {HuntKind::kPct, 3},    {HuntKind::kExhaustive, 1}, {HuntKind::kExhaustive, 2}};
}

HuntResult hunt(lifecycle::CaseRunner& runner, runtime::RuntimeDefects defects,
                const HuntStrategy& strategy, std::uint64_t seed, std::size_t max_runs) {
  const lifecycle::CaseOptions options = options_for(defects);
  HuntResult result;
  const auto start = Clock::now();
  auto finish = [&](const lifecycle::LifecycleCase& c, const lifecycle::CaseResult& run) {
    result.found = true;
    result.invariant = run.invariant();
    result.failing = lifecycle::as_generated(c, run.run.schedule);
  };
  for (std::size_t index = 0; result.runs < max_runs && !result.found; ++index) {
    lifecycle::LifecycleCase c = draw(seed, index);
    if (strategy.kind == HuntKind::kExhaustive) {
      c.scenario.config.faults = {};
      sim::ExhaustiveExplorer explorer(strategy.parameter);
      for (std::size_t schedule = 0;
           schedule < kSchedulesPerScenario && !explorer.exhausted() && result.runs < max_runs;
           ++schedule) {
        const auto run = runner.run_with(c, explorer.strategy(), options);
        ++result.runs;
        if (run.failed()) {
          finish(c, run);
          break;
        }
        explorer.advance();
      }
      continue;
    }
    c.strategy.kind = strategy.kind == HuntKind::kPct ? lifecycle::StrategyKind::kPct
                                                      : lifecycle::StrategyKind::kRandom;
    c.strategy.depth = std::max<std::uint32_t>(strategy.parameter, 1);
    const auto run = runner.run(c, options);
    ++result.runs;
    if (run.failed()) finish(c, run);
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return result;
}

ZooCell run_zoo_cell(lifecycle::CaseRunner& runner, runtime::Defect defect,
                     const HuntStrategy& strategy, const ZooOptions& options) {
  ZooCell cell{defect, strategy};
  std::vector<std::size_t> runs;
  std::vector<double> seconds;
  const auto defects = runtime::RuntimeDefects::only(defect);
  for (std::size_t s = 0; s < options.seeds; ++s) {
    const HuntResult found =
        hunt(runner, defects, strategy, options.base_seed + s, options.max_runs);
    ++cell.seeds;
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
