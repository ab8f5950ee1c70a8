// The seed's two monitor tests, run inside the simulator under 1,000 seeds of
// the random walk and 1,000 of PCT: every interleaving those seeds reach must
// keep the seed's promises.
#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>

#include "runtime/runtime_handle.h"
#include "sim/engine/check.h"
#include "sim/engine/pct_strategy.h"
#include "sim/engine/random_strategy.h"
#include "sim/engine/simulator.h"

namespace aion {
namespace {

using runtime::RuntimeConfig;
using runtime::RuntimeHandle;

constexpr int kSeeds = 1000;

// A monitor installed on a process that already exited fires exactly once.
void already_exited_monitor_fires_once(platform::Platform& platform) {
  auto created = RuntimeHandle::create(platform, RuntimeConfig::with_schedulers(1));
  sim::check(created.ok(), "runtime starts");
  auto& runtime = *created.value();
  auto pid = runtime.spawn_test_process();
  sim::check(pid.ok(), "spawn succeeds");
  sim::check(runtime.cancel_pid(pid.value()).ok(), "cancel succeeds");
  sim::check(!runtime.is_live(pid.value()), "a cancelled process leaves the live table");
  int fired = 0;
  bool outcome_ok = true;
  auto handle = runtime.monitor_process(pid.value(), [&](auto outcome) {
    ++fired;
    outcome_ok = outcome.ok();
  });
  sim::check(handle.ok() && handle.value().is_installed(), "monitor installs on an exited pid");
  sim::check(runtime.shutdown().ok(), "shutdown succeeds");
  sim::check(fired == 1, "callback fired " + std::to_string(fired) + " times, not once");
  // A shutdown may overtake the monitor; otherwise it reports the cancellation.
  (void)outcome_ok;
  sim::check(runtime.counts().spawn_heaps_held == 0, "heap released");
}

// A monitor on a pid this runtime never spawned is refused.
void never_spawned_pid_is_refused(platform::Platform& platform) {
  auto created = RuntimeHandle::create(platform, RuntimeConfig::with_schedulers(1));
  sim::check(created.ok(), "runtime starts");
  auto& runtime = *created.value();
  bool fired = false;
  auto refused = runtime.monitor_process(9999, [&](auto) { fired = true; });
  sim::check(!refused.ok(), "monitor on pid 9999 accepted");
  sim::check(refused.error().message.find("never spawned") != std::string::npos,
             "message lacks 'never spawned': " + refused.error().message);
  sim::check(runtime.shutdown().ok(), "shutdown succeeds");
  sim::check(!fired, "a refused monitor's callback ran");
}

sim::RunOptions options_for(int seed, sim::Strategy& strategy) {
  sim::RunOptions options;
  options.seed = static_cast<std::uint64_t>(seed);
  options.strategy = &strategy;
  return options;
}

void run_under(sim::Strategy& strategy, const std::function<void(platform::Platform&)>& body) {
  sim::Simulator simulator;
  for (int seed = 0; seed < kSeeds; ++seed) {
    const sim::RunResult result = simulator.run(body, options_for(seed, strategy));
    ASSERT_TRUE(result.passed()) << sim::summarize(result);
  }
}

TEST(SeedMonitorInSimulation, AlreadyExitedMonitorFiresOnceUnderRandomWalk) {
  sim::RandomStrategy random;
  run_under(random, already_exited_monitor_fires_once);
}

TEST(SeedMonitorInSimulation, AlreadyExitedMonitorFiresOnceUnderPct) {
  sim::PctStrategy pct(3);
  run_under(pct, already_exited_monitor_fires_once);
}

TEST(SeedMonitorInSimulation, NeverSpawnedPidIsRefusedUnderRandomWalk) {
  sim::RandomStrategy random;
  run_under(random, never_spawned_pid_is_refused);
}

TEST(SeedMonitorInSimulation, NeverSpawnedPidIsRefusedUnderPct) {
  sim::PctStrategy pct(3);
  run_under(pct, never_spawned_pid_is_refused);
}

// The runs really interleave: the seeds reach more than one schedule.
TEST(SeedMonitorInSimulation, SeedsReachDistinctInterleavings) {
  sim::Simulator simulator;
  sim::RandomStrategy random;
  std::set<std::uint64_t> hashes;
  for (int seed = 0; seed < 50; ++seed) {
    hashes.insert(
        simulator.run(already_exited_monitor_fires_once, options_for(seed, random)).trace_hash);
  }
  EXPECT_GT(hashes.size(), 10u);
}

}  // namespace
}  // namespace aion
