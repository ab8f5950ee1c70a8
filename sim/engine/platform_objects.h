// The platform objects handed to simulated code: thin forwards to the Scheduler, which holds
// all the logic. They carry the object's name (for traces and reports) and its state.
#pragma once

#include <string_view>

#include "platform/platform.h"
#include "sim/engine/fiber.h"
#include "sim/engine/scheduler.h"

namespace aion::sim::detail {

class SimMutex final : public platform::Mutex {
 public:
  SimMutex(Scheduler& scheduler, std::string_view name);
  ~SimMutex() override { scheduler_.drop_mutex(state_); }

  void lock() override { scheduler_.lock(state_); }
  void unlock() override { scheduler_.unlock(state_); }
  MutexState& state() { return state_; }

 private:
  Scheduler& scheduler_;
  MutexState state_;
};

class SimCondVar final : public platform::CondVar {
 public:
  SimCondVar(Scheduler& scheduler, std::string_view name);
  ~SimCondVar() override { scheduler_.drop_condvar(state_); }

  void wait(platform::Mutex& mutex) override {
    scheduler_.wait(state_, static_cast<SimMutex&>(mutex).state(), std::nullopt);
  }
  bool wait_for(platform::Mutex& mutex, platform::Nanos timeout) override {
    return scheduler_.wait(state_, static_cast<SimMutex&>(mutex).state(), timeout);
  }
  void notify_one() override { scheduler_.notify(state_, false); }
  void notify_all() override { scheduler_.notify(state_, true); }

 private:
  Scheduler& scheduler_;
  CondVarState state_;
};

class SimThread final : public platform::Thread {
 public:
  SimThread(Scheduler& scheduler, ThreadState state) : scheduler_(scheduler), state_(state) {}
  ~SimThread() override { scheduler_.drop_thread(state_); }

  void join() override { scheduler_.join(state_); }

 private:
  Scheduler& scheduler_;
  ThreadState state_;
};

}  // namespace aion::sim::detail
