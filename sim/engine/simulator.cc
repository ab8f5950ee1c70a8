#include "sim/engine/simulator.h"

#include <utility>

#include "sim/engine/platform_objects.h"
#include "sim/engine/sanitizers.h"
#include "sim/engine/scheduler.h"

namespace aion::sim {

// Sanitized frames are several times larger; GoogleTest assertions in fibers need room too.
const std::size_t Simulator::kDefaultStackSize =
    (AION_SIM_ASAN || AION_SIM_TSAN) ? 1024 * 1024 : 256 * 1024;

Simulator::Simulator(std::size_t stack_size)
    : scheduler_(std::make_unique<detail::Scheduler>(stack_size)) {}

Simulator::~Simulator() = default;

RunResult Simulator::run(const std::function<void(platform::Platform&)>& main_body,
                         const RunOptions& options) {
  Strategy& strategy = options.strategy != nullptr ? *options.strategy : default_strategy_;
  return scheduler_->run([this, &main_body] { main_body(*this); }, options, strategy);
}

std::size_t Simulator::stacks_mapped() const { return scheduler_->stacks_mapped(); }

std::unique_ptr<platform::Mutex> Simulator::new_mutex(std::string_view name) {
  return std::make_unique<detail::SimMutex>(*scheduler_, name);
}

std::unique_ptr<platform::CondVar> Simulator::new_condvar(std::string_view name) {
  return std::make_unique<detail::SimCondVar>(*scheduler_, name);
}

platform::ThreadStart Simulator::start_thread(std::string name, std::function<void()> body) {
  detail::Scheduler::Started started = scheduler_->start_thread(std::move(name), std::move(body));
  if (!started.thread) return {nullptr, std::move(started.error)};
  return {std::make_unique<detail::SimThread>(*scheduler_, *started.thread), {}};
}

platform::Nanos Simulator::now() { return scheduler_->now(); }

void Simulator::sleep_for(platform::Nanos duration) { scheduler_->sleep_for(duration); }

void Simulator::yield_point(const char* site, platform::Subject subject) {
  scheduler_->yield_point(site, subject);
}

platform::ThreadView Simulator::current_thread() { return scheduler_->current_thread(); }

std::vector<platform::UnjoinedThread> Simulator::unjoined_threads() {
  return scheduler_->unjoined_threads();
}

void Simulator::access(std::string_view object, platform::Access access) {
  scheduler_->access(object, access);
}

bool Simulator::note(const char* what, platform::Subject subject) {
  return scheduler_->note(what, subject);
}

}  // namespace aion::sim
