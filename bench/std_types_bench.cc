// bazel run -c opt //bench:std_types: what the std-like types (platform/std_types.h) cost.
// In the simulator, an aion::atomic operation against a bare yield point (two threads, 10,000
// each, under the random walk); on real threads, aion::atomic::fetch_add against
// std::atomic::fetch_add on one thread (the platform's access point is a virtual call that
// does nothing there). Medians of 5, as ratios measured in the same process. Built with
// AION_STD_ALIASES the types are the std:: ones, so that build costs nothing by construction.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <vector>

#include "platform/std_types.h"
#include "sim/engine/engine_figures.h"
#include "sim/engine/random_strategy.h"
#include "sim/engine/simulator.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kOps = 10'000;
constexpr int kRepeats = 5;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Nanoseconds per operation of two simulated threads doing `op` kOps times each.
template <typename Op>
double simulated(Op op) {
  aion::sim::Simulator simulator;
  std::vector<double> ns;
  for (int r = 0; r < kRepeats; ++r) {
    aion::sim::RandomStrategy random;
    const auto start = Clock::now();
    simulator.run(
        [&](aion::platform::Platform& platform) {
          aion::PlatformScope scope(platform);
          aion::atomic<int> counter{0};
          auto work = [&] {
            for (int i = 0; i < kOps; ++i) op(platform, counter);
          };
          aion::thread a(work), b(work);
          a.join();
          b.join();
        },
        aion::sim::RunOptions().with_seed(static_cast<std::uint64_t>(r)).with_strategy(&random));
    ns.push_back(seconds_since(start) * 1e9 / (2.0 * kOps));
  }
  return aion::sim::median(ns);
}

template <typename Counter>
double real_thread_ns() {
  std::vector<double> ns;
  for (int r = 0; r < kRepeats; ++r) {
    Counter counter{0};
    const auto start = Clock::now();
    for (int i = 0; i < 100 * kOps; ++i) counter.fetch_add(1);
    ns.push_back(seconds_since(start) * 1e9 / (100.0 * kOps));
    if (counter.load() != 100 * kOps) std::printf("miscounted\n");
  }
  return aion::sim::median(ns);
}

}  // namespace

int main() {
  const double yield = simulated(
      [](aion::platform::Platform& p, aion::atomic<int>&) { p.yield_point("bench.yield"); });
  const double atomic = simulated(
      [](aion::platform::Platform&, aion::atomic<int>& counter) { counter.fetch_add(1); });
  std::printf("simulator: yield point %.0f ns, aion::atomic::fetch_add %.0f ns: %.2fx\n", yield,
              atomic, atomic / yield);
  const double plain = real_thread_ns<std::atomic<int>>();
  const double ours = real_thread_ns<aion::atomic<int>>();
  std::printf(
      "real threads: std::atomic::fetch_add %.1f ns, aion::atomic::fetch_add %.1f ns: "
      "%.2fx (with AION_STD_ALIASES: the same type, 1.00x)\n",
      plain, ours, ours / plain);
  return 0;
}
