// The benchmark (not a test): bazel run -c opt //:bench. Prints, as medians of
// several repetitions, the micro scenario's complete runs per second and
// scheduling decisions per second, peak memory from the first thousand runs
// to the millionth, the same figures for generated scenarios of each size and
// the property suite's time per thousand cases, and the engine's own costs
// (fiber switch, decision); and a campaign's isolation cost, distinct-count
// memory and the shrink of a long scenario.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "bench/campaign_figures.h"
#include "bench/micro_scenario.h"
#include "bench/scale_figures.h"
#include "bench/scenario_figures.h"
#include "sim/engine/engine_figures.h"
#include "sim/engine/random_strategy.h"
#include "sim/engine/simulator.h"

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kRepetitions = 5;
constexpr int kRunsPerRepetition = 100'000;
constexpr int kMemoryRuns = 1'000'000;

long peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return -1;
}

struct Rates {
  double runs_per_second = 0;
  double steps_per_second = 0;
  double choices_per_second = 0;
  int failed = 0;
};

// Runs the micro scenario `runs` times from seed `first_seed` on.
Rates run_micro(aion::sim::Simulator& simulator, int first_seed, int runs,
                const std::vector<int>& memory_marks = {}, bool track_classes = true) {
  aion::sim::RandomStrategy random;
  aion::sim::RunOptions options;
  options.strategy = &random;
  options.track_classes = track_classes;
  std::uint64_t steps = 0, choices = 0;
  Rates rates;
  const auto start = Clock::now();
  for (int run = 1; run <= runs; ++run) {
    options.seed = static_cast<std::uint64_t>(first_seed + run);
    const auto result = simulator.run(aion::bench::micro_scenario, options);
    steps += result.steps;
    choices += result.schedule.size();
    rates.failed += result.passed() ? 0 : 1;
    for (int mark : memory_marks) {
      if (run == mark)
        std::printf("peak RSS after %9d micro runs: %6ld KiB\n", run, peak_rss_kib());
    }
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  rates.runs_per_second = runs / seconds;
  rates.steps_per_second = static_cast<double>(steps) / seconds;
  rates.choices_per_second = static_cast<double>(choices) / seconds;
  return rates;
}

}  // namespace

int main() {
  aion::sim::Simulator simulator;
  std::printf("== memory: the micro scenario, a fresh runtime per run\n");
  const Rates long_run =
      run_micro(simulator, 0, kMemoryRuns, {1'000, 10'000, 100'000, kMemoryRuns});
  std::printf("fiber stacks mapped: %zu; runs not passed: %d\n", simulator.stacks_mapped(),
              long_run.failed);

  std::vector<double> runs, steps, choices, without_classes;
  int failed = 0;
  for (int r = 0; r < kRepetitions; ++r) {
    const int first_seed = kMemoryRuns + r * kRunsPerRepetition;
    const Rates rates = run_micro(simulator, first_seed, kRunsPerRepetition);
    // The same runs again without the run's class: what keeping it costs, as a ratio measured
    // side by side.
    const Rates plain = run_micro(simulator, first_seed, kRunsPerRepetition, {}, false);
    without_classes.push_back(plain.runs_per_second / rates.runs_per_second);
    runs.push_back(rates.runs_per_second);
    steps.push_back(rates.steps_per_second);
    choices.push_back(rates.choices_per_second);
    failed += rates.failed;
  }
  std::printf("\n== the micro scenario (one process exits while a monitor installs on it)\n");
  std::printf("complete runs:                 %8.0f per second (%.2f us each)\n",
              aion::sim::median(runs), 1e6 / aion::sim::median(runs));
  std::printf("scheduling points:             %8.2f M per second\n",
              aion::sim::median(steps) / 1e6);
  std::printf("decisions with a choice:       %8.2f M per second\n",
              aion::sim::median(choices) / 1e6);
  std::printf("without the run's class:        %8.2fx the runs per second (target <= 1.25x)\n",
              aion::sim::median(without_classes));
  std::printf("(medians of %d repetitions of %d runs; %d runs not passed)\n", kRepetitions,
              kRunsPerRepetition, failed);

  std::printf("\n== generated lifecycle scenarios (random walk, oracle on every run)\n");
  aion::bench::print_scenario_figures(kRepetitions);
  std::printf("(medians of %d repetitions)\n", kRepetitions);

  std::printf("\n== campaigns: crash isolation, bounded memory, shrinking\n");
  aion::bench::print_campaign_figures(kRepetitions);

  std::printf("\n== the engine\n");
  aion::sim::print_engine_figures(aion::sim::measure_engine(kRepetitions));

  std::printf("\n== the engine at scale: many threads, long runs, failing runs\n");
  aion::bench::print_scale_figures(kRepetitions);
  return failed == 0 && long_run.failed == 0 ? 0 : 1;
}
