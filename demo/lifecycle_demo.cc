// lifecycle_demo: spawns one workflow of each program shape on real threads,
// monitors each, delivers the completions they await, and prints how each
// one ended. Exits non-zero if any callback is missing or fired twice, or if
// the runtime still holds anything after shutdown.
#include <condition_variable>
#include <cstdlib>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "platform/real_platform.h"
#include "runtime/runtime_handle.h"

namespace {

using aion::runtime::Pid;
using aion::runtime::WorkflowProgram;

struct Reports {
  std::mutex mutex;
  std::condition_variable changed;
  std::map<Pid, std::vector<std::string>> by_pid;
};

std::string render(const aion::runtime::Result<aion::runtime::WorkflowProcessOutcome>& result) {
  std::ostringstream out;
  if (result) {
    out << result.value();
  } else {
    out << "error " << result.error();
  }
  return out.str();
}

}  // namespace

int main() {
  aion::platform::RealPlatform platform;
  auto created = aion::runtime::RuntimeHandle::create(
      platform, aion::runtime::RuntimeConfig::with_schedulers(2));
  if (!created) {
    std::cerr << "lifecycle_demo: " << created.error() << "\n";
    return 1;
  }
  auto& runtime = *created.value();

  const std::vector<std::pair<std::string, WorkflowProgram>> programs = {
      {"completes", WorkflowProgram{}.work(3).complete("42")},
      {"fails", WorkflowProgram{}.work(1).fail("invalid order")},
      {"crashes", WorkflowProgram{}.crash("badarith")},
      {"sleeps", WorkflowProgram{}.sleep(20 * aion::platform::kMillisecond).complete("rested")},
      {"awaits all", WorkflowProgram{}.await_all({1, 2}).complete_with_taken()},
      {"awaits any", WorkflowProgram{}.await_any({1, 2}).complete_with_taken()},
      {"cancelled", WorkflowProgram{}.run_until_cancelled()},
  };

  Reports reports;
  std::map<Pid, std::string> names;
  for (const auto& [name, program] : programs) {
    auto pid = runtime.spawn(program);
    if (!pid) {
      std::cerr << "lifecycle_demo: " << pid.error() << "\n";
      return 1;
    }
    names[pid.value()] = name;
    auto handle = runtime.monitor_process(pid.value(), [&reports, p = pid.value()](auto result) {
      std::lock_guard<std::mutex> lock(reports.mutex);
      reports.by_pid[p].push_back(render(result));
      reports.changed.notify_all();
    });
    if (!handle) std::cerr << "lifecycle_demo: " << handle.error() << "\n";
  }
  for (const auto& [pid, name] : names) {
    if (name.rfind("awaits", 0) == 0) {
      (void)runtime.deliver_activity_completion(pid, 1, "payment");
      (void)runtime.deliver_activity_completion(pid, 2, "shipment");
    }
    if (name == "cancelled") (void)runtime.cancel_pid(pid);
  }

  const auto refused = runtime.monitor_process(9999, [](auto) {});
  std::cout << "monitor on pid 9999: " << (refused ? "accepted" : refused.error().message) << "\n";

  {
    std::unique_lock<std::mutex> lock(reports.mutex);
    reports.changed.wait(lock, [&] { return reports.by_pid.size() == names.size(); });
  }
  if (auto status = runtime.shutdown(); !status) {
    std::cerr << "lifecycle_demo: " << status.error() << "\n";
    return 1;
  }

  bool sound = true;
  for (const auto& [pid, name] : names) {
    const auto& fired = reports.by_pid[pid];
    std::cout << "pid " << pid << " (" << name
              << "): " << (fired.empty() ? "<no callback>" : fired.front()) << "\n";
    sound = sound && fired.size() == 1;
  }
  const auto counts = runtime.counts();
  std::cout << "after shutdown: " << counts << "\n";
  sound = sound && counts.live_processes == 0 && counts.spawn_heaps_held == 0 &&
          counts.nif_states_held == 0 && counts.retained_completions == 0 &&
          counts.ledger_entries == 0 && counts.runtime_threads_alive == 0;
  return sound ? EXIT_SUCCESS : EXIT_FAILURE;
}
