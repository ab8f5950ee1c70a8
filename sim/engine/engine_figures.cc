#include "sim/engine/engine_figures.h"

#include <algorithm>
#include <boost/context/detail/fcontext.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "sim/engine/random_strategy.h"
#include "sim/engine/replay_strategy.h"
#include "sim/engine/simulator.h"
#include "sim/engine/stack_pool.h"

namespace aion::sim {
namespace {

namespace ctx = boost::context::detail;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
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
    return decision.current_runnable() ? (decision.current_position + 1) % decision.enabled.size()
                                       : 0;
  }
  std::string describe() const override { return "round_robin"; }
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

}  // namespace

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

EngineFigures measure_engine(int repetitions) {
  Simulator sim;
  RoundRobin round_robin;
  // An empty lenient replay keeps the current fiber at every decision.
  ReplayStrategy stay_put = ReplayStrategy::lenient({});
  std::vector<double> bare, alone, kept, switches, decisions;
  for (int r = 0; r < repetitions; ++r) {
    bare.push_back(bare_jump_ns(2'000'000));
    alone.push_back(yield_point_ns(sim, stay_put, 1));
    kept.push_back(yield_point_ns(sim, stay_put, 2));
    switches.push_back(yield_point_ns(sim, round_robin, 2));
    decisions.push_back(decisions_per_second(sim));
  }
  return {median(bare),     median(alone),     median(kept),
          median(switches), median(decisions), repetitions};
}

void print_engine_figures(const EngineFigures& f) {
  std::printf("bare jump_fcontext:            %8.1f ns per switch (reference)\n", f.bare_jump_ns);
  std::printf("yield point, no choice:        %8.1f ns (one runnable fiber: event + hash)\n",
              f.yield_alone_ns);
  std::printf("yield point, decision, stay:   %8.1f ns (two runnable, strategy keeps current)\n",
              f.yield_stay_ns);
  std::printf("fiber switch via yield points: %8.1f ns per switch (decision + switch)\n",
              f.switch_ns);
  std::printf("random-walk decisions:         %8.2f M per second (%.1f ns each)\n",
              f.decisions_per_second / 1e6, 1e9 / f.decisions_per_second);
  std::printf("(medians of %d repetitions)\n", f.repetitions);
}

}  // namespace aion::sim
