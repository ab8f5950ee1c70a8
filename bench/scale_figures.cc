#include "bench/scale_figures.h"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "sim/engine/check.h"
#include "sim/engine/engine_figures.h"
#include "sim/engine/random_strategy.h"
#include "sim/engine/simulator.h"

namespace aion::bench {
namespace {

using Clock = std::chrono::steady_clock;
using Body = std::function<void(platform::Platform&)>;

// `threads` threads started by main, each running `work`, then joined.
Body threads_doing(int threads, std::function<void(platform::Platform&)> work) {
  return [threads, work = std::move(work)](platform::Platform& p) {
    std::vector<std::unique_ptr<platform::Thread>> started;
    for (int t = 0; t < threads; ++t) {
      auto start = p.start_thread("t" + std::to_string(t), [&p, &work] { work(p); });
      if (start.thread) started.push_back(std::move(start.thread));
    }
    for (auto& thread : started) thread->join();
  };
}

Body contending(int threads, int pairs) {
  auto mutex = std::make_shared<std::unique_ptr<platform::Mutex>>();
  return [threads, pairs, mutex](platform::Platform& p) {
    *mutex = p.new_mutex("bench.mutex");
    threads_doing(threads, [&](platform::Platform&) {
      for (int i = 0; i < pairs; ++i) {
        (*mutex)->lock();
        (*mutex)->unlock();
      }
    })(p);
    mutex->reset();
  };
}

Body yielding(int threads, int yields) {
  return threads_doing(threads, [yields](platform::Platform& p) {
    for (int i = 0; i < yields; ++i) p.yield_point("bench.yield");
  });
}

struct Measured {
  double runs_per_second = 0;
  double ns_per_point = 0;
  double decisions_per_run = 0;
};

// Runs `body` under the random walk for about `points` scheduling points in all.
Measured measure(sim::Simulator& sim, const Body& body, std::uint64_t points, int repetitions) {
  std::vector<double> rates, costs, decisions;
  for (int r = 0; r < repetitions; ++r) {
    sim::RandomStrategy strategy;
    std::uint64_t steps = 0, runs = 0, chosen = 0;
    const auto start = Clock::now();
    for (std::uint64_t seed = 1; steps < points; ++seed) {
      sim::RunOptions options;
      options.seed = seed;
      options.strategy = &strategy;
      options.max_steps = ~0ULL;
      const sim::RunResult result = sim.run(body, options);
      steps += result.steps;
      chosen += result.schedule.size();
      ++runs;
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    rates.push_back(static_cast<double>(runs) / seconds);
    costs.push_back(seconds * 1e9 / static_cast<double>(steps));
    decisions.push_back(static_cast<double>(chosen) / static_cast<double>(runs));
  }
  return {sim::median(rates), sim::median(costs), sim::median(decisions)};
}

void print_row(const std::string& what, const Measured& m, double base_ns) {
  std::printf("  %-34s %12.0f runs/s %8.1f ns/point %6.2fx %10.0f decisions/run\n", what.c_str(),
              m.runs_per_second, m.ns_per_point, m.ns_per_point / base_ns, m.decisions_per_run);
}

constexpr std::uint64_t kPointsPerMeasurement = 2'000'000;

}  // namespace

void print_scale_figures(int repetitions) {
  sim::Simulator sim;
  std::printf("scale (random walk; x: ns per point against the table's first row):\n");
  for (const int pairs : {10, 100}) {
    double base = 0;
    for (const int threads : {2, 8, 32, 128}) {
      const Measured m =
          measure(sim, contending(threads, pairs), kPointsPerMeasurement, repetitions);
      if (base == 0) base = m.ns_per_point;
      print_row(
          std::to_string(threads) + " threads x " + std::to_string(pairs) + " lock/unlock, 1 mutex",
          m, base);
    }
  }
  double base = 0;
  for (const int threads : {2, 8, 32, 128}) {
    const Measured m = measure(sim, yielding(threads, 100), kPointsPerMeasurement, repetitions);
    if (base == 0) base = m.ns_per_point;
    print_row(std::to_string(threads) + " threads x 100 yields", m, base);
  }
  const Measured short_runs = measure(sim, yielding(2, 100), kPointsPerMeasurement, repetitions);
  const Measured long_run = measure(sim, yielding(2, 500'000), 1'000'000, repetitions);
  print_row("2 threads x 100 yields (short runs)", short_runs, short_runs.ns_per_point);
  print_row("one run of 10^6 points", long_run, short_runs.ns_per_point);
  const Body failing = [](platform::Platform& p) {
    yielding(2, 100)(p);
    sim::check(false, "the run fails here");
  };
  const Measured failed = measure(sim, failing, kPointsPerMeasurement, repetitions);
  print_row("the same runs failing a check", failed, short_runs.ns_per_point);
  std::printf("(medians of %d repetitions)\n", repetitions);
}

}  // namespace aion::bench
