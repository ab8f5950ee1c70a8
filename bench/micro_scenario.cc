#include "bench/micro_scenario.h"

#include "runtime/runtime_handle.h"
#include "sim/engine/check.h"

namespace aion::bench {

void micro_scenario(platform::Platform& platform) {
  auto created = runtime::RuntimeHandle::create(platform, runtime::RuntimeConfig{});
  sim::check(created.ok(), "the runtime starts");
  auto& runtime = *created.value();
  auto pid = runtime.spawn(runtime::WorkflowProgram{}.complete("done"));
  sim::check(pid.ok(), "spawn succeeds");
  int fired = 0;
  auto monitor = runtime.monitor_process(pid.value(), [&fired](auto) { ++fired; });
  sim::check(monitor.ok(), "the monitor installs");
  sim::check(runtime.shutdown().ok(), "shutdown succeeds");
  sim::check(fired == 1, "the callback fires exactly once");
  sim::check(runtime.counts().spawn_heaps_held == 0, "nothing is held after shutdown");
}

}  // namespace aion::bench
