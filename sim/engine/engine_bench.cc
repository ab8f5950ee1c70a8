// Micro benchmark of the simulation engine (not a test). Prints medians over repetitions:
// - ns per bare Boost.Context jump (two contexts ping-ponging), for reference;
// - peak RSS (VmHWM) after 1,000 and after 1,000,000 runs of a small program (two threads, a
//   mutex and a condvar), to show that memory stays flat; measured first, so that the other
//   measurements do not raise the peak;
// - ns per yield point: with a single runnable fiber (no decision), with two runnable fibers
//   and a strategy that keeps the current one (a decision, no switch), and with two fibers
//   ping-ponging under a strategy that always switches (the fiber switch: scheduling point,
//   decision, recorded choice, trace hash and the context switch);
// - scheduling decisions per second under the random walk, four threads.
// Run: bazel run -c opt //sim/engine:engine_bench
#include <algorithm>
#include <boost/context/detail/fcontext.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "sim/engine/random_strategy.h"
#include "sim/engine/simulator.h"
#include "sim/engine/stack_pool.h"

namespace aion::sim {
namespace {

namespace ctx = boost::context::detail;
using Clock = std::chrono::steady_clock;

constexpr int kRepetitions = 5;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// --- Bare fcontext ping-pong.

void bounce(ctx::transfer_t transfer) {
  for (;;) transfer = ctx::jump_fcontext(transfer.fctx, nullptr);
}

double bare_jump_ns(int round_trips) {
  StackPool pool(64 * 1024);
  const Stack stack = *pool.acquire();
  ctx::fcontext_t other = ctx::make_fcontext(stack.top(), stack.size, &bounce);
  const auto start = Clock::now();
  for (int i = 0; i < round_trips; ++i) other = ctx::jump_fcontext(other, nullptr).fctx;
  const double elapsed = seconds_since(start);
  pool.release(stack);
  return elapsed * 1e9 / (2.0 * round_trips);
}

// --- Simulated ping-pong.

// Always hands over to the next runnable fiber, so every decision is a switch.
class RoundRobin final : public Strategy {
 public:
  void begin_run(std::uint64_t) override {}
  std::size_t choose(const Decision& decision) override {
    return decision.current_runnable() ? (decision.current_position + 1) % decision.runnable.size()
                                       : 0;
  }
  std::string describe() const override { return "round_robin"; }
};

// Never switches: every decision keeps the current fiber.
class StayPut final : public Strategy {
 public:
  void begin_run(std::uint64_t) override {}
  std::size_t choose(const Decision& decision) override {
    return decision.current_runnable() ? decision.current_position : 0;
  }
  std::string describe() const override { return "stay_put"; }
};

RunResult run_yielders(Simulator& sim, Strategy& strategy, int threads, int yields_each) {
  RunOptions options;
  options.seed = 1;
  options.strategy = &strategy;
  options.max_steps = ~0ULL;
  return sim.run(
      [&](platform::Platform& p) {
        std::vector<std::unique_ptr<platform::Thread>> started;
        for (int t = 0; t < threads; ++t) {
          started.push_back(p.start_thread("yielder-" + std::to_string(t), [&p, yields_each] {
                               for (int i = 0; i < yields_each; ++i) p.yield_point("bench.yield");
                             }).thread);
        }
        for (auto& thread : started) thread->join();
      },
      options);
}

// Runs of moderate length (as in tests), so that the per-run setup is amortized but the
// schedule vector does not grow into fresh memory for most of the time measured.
constexpr int kRunsPerMeasurement = 50;
constexpr int kYieldsPerThread = 10'000;

// ns per yield point of `threads` yielding threads under `strategy`.
double yield_point_ns(Simulator& sim, Strategy& strategy, int threads) {
  const auto start = Clock::now();
  for (int run = 0; run < kRunsPerMeasurement; ++run) {
    run_yielders(sim, strategy, threads, kYieldsPerThread);
  }
  return seconds_since(start) * 1e9 /
         (static_cast<double>(kRunsPerMeasurement) * threads * kYieldsPerThread);
}

double decisions_per_second(Simulator& sim) {
  RandomStrategy strategy;
  std::size_t decisions = 0;
  const auto start = Clock::now();
  for (int run = 0; run < kRunsPerMeasurement; ++run) {
    decisions += run_yielders(sim, strategy, 4, kYieldsPerThread).schedule.size();
  }
  return static_cast<double>(decisions) / seconds_since(start);
}

// --- Memory over many runs.

long peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return -1;
}

void small_program(platform::Platform& p) {
  auto mutex = p.new_mutex("bench.mutex");
  auto condvar = p.new_condvar("bench.cv");
  bool ready = false;
  auto waiter = p.start_thread("waiter", [&] {
    platform::LockGuard lock(*mutex);
    while (!ready) condvar->wait(*mutex);
  });
  auto setter = p.start_thread("setter", [&] {
    platform::LockGuard lock(*mutex);
    ready = true;
    condvar->notify_all();
  });
  waiter.thread->join();
  setter.thread->join();
}

}  // namespace
}  // namespace aion::sim

int main() {
  using namespace aion::sim;
  Simulator sim;

  RunOptions options;
  const auto start = Clock::now();
  std::uint64_t failures = 0;
  constexpr int kRuns = 1'000'000;
  for (int run = 1; run <= kRuns; ++run) {
    options.seed = static_cast<std::uint64_t>(run);
    failures += sim.run(small_program, options).passed() ? 0 : 1;
    if (run == 1'000 || run == 10'000 || run == 100'000 || run == kRuns) {
      std::printf("peak RSS after %7d runs: %ld KiB\n", run, peak_rss_kib());
    }
  }
  const double elapsed = seconds_since(start);
  std::printf("small program: %.2f us per run (%d runs, %llu not passed)\n", elapsed * 1e6 / kRuns,
              kRuns, static_cast<unsigned long long>(failures));
  std::printf("fiber stacks mapped: %zu\n", sim.stacks_mapped());

  RoundRobin round_robin;
  StayPut stay_put;
  std::vector<double> bare, alone, kept, switches, decisions;
  for (int r = 0; r < kRepetitions; ++r) {
    bare.push_back(bare_jump_ns(2'000'000));
    alone.push_back(yield_point_ns(sim, stay_put, 1));
    kept.push_back(yield_point_ns(sim, stay_put, 2));
    switches.push_back(yield_point_ns(sim, round_robin, 2));
    decisions.push_back(decisions_per_second(sim));
  }
  std::printf("bare jump_fcontext:            %8.1f ns per switch (median of %d)\n", median(bare),
              kRepetitions);
  std::printf("yield point, no choice:        %8.1f ns (one runnable fiber: event + hash)\n",
              median(alone));
  std::printf("yield point, decision, stay:   %8.1f ns (two runnable, strategy keeps current)\n",
              median(kept));
  std::printf(
      "fiber switch via yield points: %8.1f ns per switch (decision + switch, median of "
      "%d)\n",
      median(switches), kRepetitions);
  std::printf("random-walk decisions:         %8.2f M per second (%.1f ns each, median of %d)\n",
              median(decisions) / 1e6, 1e9 / median(decisions), kRepetitions);
  return 0;
}
