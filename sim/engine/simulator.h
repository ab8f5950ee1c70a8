// The deterministic simulator: an implementation of the platform interface in which every
// thread is a fiber on the calling OS thread, time is virtual, and a Strategy picks which
// fiber runs at every platform call.
//
// Usage:
//   Simulator sim;                       // reusable; owns the pooled stacks and fibers
//   RunResult r = sim.run([](platform::Platform& p) { ...code under test... },
//                         RunOptions().with_seed(42).with_strategy(&pct));
// The body runs as fiber "main"; the run lasts until every fiber finished or a finding ends it
// (see RunResult / Outcome). The same program, seed and strategy give the same schedule and
// trace hash; RunResult::schedule replays the run with ReplayStrategy.
//
// Contract:
// - run() is called from one OS thread at a time and is not reentrant; simulated code must
//   reach the platform only through the Platform& it was given (and objects made from it).
// - Mutexes and condvars may be created outside a run and be reused by later runs (they start
//   each run unlocked and without waiters), but must not outlive the Simulator. Outside a run,
//   lock/unlock/notify/yield/sleep/join do nothing, now() reads the last virtual time,
//   start_thread fails and CondVar::wait throws std::logic_error.
// - Mutex arguments of CondVar calls must come from the same Simulator.
// - Each scheduling point costs a few tens of nanoseconds; a fiber that loops without calling
//   the platform cannot be preempted (there is no preemption but at platform calls).
// - current_thread() names the running fiber and the mutexes it holds; unjoined_threads() lists
//   this run's started fibers whose handles were not joined; note() marks progress (see
//   RunOptions::livelock_steps) and shows in the trace.
// - Teardown of fibers left blocked or running when a run ends is described in scheduler.h.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "platform/platform.h"
#include "sim/engine/random_strategy.h"
#include "sim/engine/run_options.h"
#include "sim/engine/run_result.h"

namespace aion::sim {

namespace detail {
class Scheduler;
}

class Simulator final : public platform::Platform {
 public:
  // 256 KiB per fiber stack; 1 MiB under AddressSanitizer or ThreadSanitizer.
  static const std::size_t kDefaultStackSize;

  explicit Simulator(std::size_t stack_size = kDefaultStackSize);
  ~Simulator() override;
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  RunResult run(const std::function<void(platform::Platform&)>& main_body,
                const RunOptions& options = {});

  // Fiber stacks mapped so far (they are pooled, not freed, between runs).
  std::size_t stacks_mapped() const;

  std::unique_ptr<platform::Mutex> new_mutex(std::string_view name) override;
  std::unique_ptr<platform::CondVar> new_condvar(std::string_view name) override;
  platform::ThreadStart start_thread(std::string name, std::function<void()> body) override;
  platform::Nanos now() override;
  void sleep_for(platform::Nanos duration) override;
  void yield_point(const char* site, platform::Subject subject = 0) override;
  void access(std::string_view object, platform::Access access) override;
  platform::ThreadView current_thread() override;
  std::vector<platform::UnjoinedThread> unjoined_threads() override;
  bool note(const char* what, platform::Subject subject = 0) override;

 private:
  std::unique_ptr<detail::Scheduler> scheduler_;
  RandomStrategy default_strategy_;
};

}  // namespace aion::sim
