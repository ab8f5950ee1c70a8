#include "sim/engine/schedule_shrinker.h"

#include <map>
#include <utility>
#include <vector>

#include "sim/engine/replay_strategy.h"
#include "sim/engine/schedule.h"

namespace aion::sim {
namespace {

// (fiber, how many operations it had done) -> the fiber chosen there.
struct Switch {
  std::uint32_t to = 0;
  bool preemption = false;  // the fiber could have gone on
  std::uint64_t order = 0;  // its decision's place in the run
};
using Plan = std::map<std::pair<std::uint32_t, std::uint64_t>, Switch>;

// Follows `follow` (when given: a recorded run's own strategy, replayed strictly) or a plan,
// and records the plan of what it did.
class PlanStrategy final : public Strategy {
 public:
  explicit PlanStrategy(Strategy* follow) : follow_(follow) {}
  explicit PlanStrategy(Plan plan) : plan_(std::move(plan)) {}

  void begin_run(std::uint64_t seed) override {
    reached_.clear();
    realized_.clear();
    decisions_ = 0;
    if (follow_ != nullptr) follow_->begin_run(seed);
  }
  // Each fiber's progress is the operations it did: counted at every transition, not only at
  // decisions (how many fibers could run there changes as the interleaving moves).
  bool observes_transitions() const override { return true; }
  void executed(std::uint32_t fiber, const PendingOp&, bool) override {
    if (fiber >= reached_.size()) reached_.resize(fiber + 1, 0);
    ++reached_[fiber];
  }
  std::size_t choose(const Decision& decision) override {
    ++decisions_;
    if (decision.current >= reached_.size()) reached_.resize(decision.current + 1, 0);
    const std::pair<std::uint32_t, std::uint64_t> key{decision.current, reached_[decision.current]};
    std::size_t chosen;
    if (follow_ != nullptr) {
      chosen = follow_->choose(decision);
      if (chosen == kDiverged) return chosen;
    } else if (const auto planned = plan_.find(key);
               planned != plan_.end() && decision.enabled.contains(planned->second.to)) {
      chosen = decision.enabled.position_of(planned->second.to);
    } else {
      chosen = decision.current_runnable() ? decision.current_position : 0;
    }
    if (chosen != decision.current_position) {
      realized_[key] = Switch{decision.enabled[chosen], decision.current_runnable(), decisions_};
    }
    return chosen;
  }
  std::string divergence() const override {
    return follow_ != nullptr ? follow_->divergence() : std::string();
  }
  std::string describe() const override { return "shrunk"; }

  const Plan& realized() const { return realized_; }

 private:
  Strategy* follow_ = nullptr;
  Plan plan_;
  std::vector<std::uint64_t> reached_;
  Plan realized_;
  std::uint64_t decisions_ = 0;
};

std::vector<Plan::key_type> preemptions_of(const Plan& plan) {
  std::vector<Plan::key_type> keys;
  for (const auto& [key, to] : plan) {
    if (to.preemption) keys.push_back(key);
  }
  return keys;
}

// `plan` without the preemption at `key` and without the switch that came back to the fiber it
// preempted (that fiber now never left): the rest keeps its order around them.
Plan without_preemption(const Plan& plan, const Plan::key_type& key) {
  Plan candidate = plan;
  const std::uint32_t preempted = key.first;
  const std::uint64_t at = plan.at(key).order;
  const Plan::key_type* back = nullptr;
  std::uint64_t back_order = UINT64_MAX;
  for (const auto& [other, to] : plan) {
    if (to.to == preempted && to.order > at && to.order < back_order) {
      back = &other;
      back_order = to.order;
    }
  }
  if (back != nullptr) candidate.erase(*back);
  candidate.erase(key);
  return candidate;
}

bool same_failure(const RunResult& a, const RunResult& b) {
  return a.outcome == b.outcome && a.message == b.message;
}

}  // namespace

ScheduleShrink shrink_schedule(const std::function<RunResult(Strategy&, std::uint64_t)>& run_with,
                               const RunResult& failing, std::size_t max_runs) {
  ScheduleShrink shrink;
  shrink.run = failing;
  shrink.preemptions_before = count_preemptions(failing.schedule);
  shrink.preemptions_after = shrink.preemptions_before;
  if (max_runs == 0) return shrink;
  ReplayStrategy strict(failing.schedule, ReplayMode::kStrict);
  PlanStrategy recorder(&strict);
  const RunResult again = run_with(recorder, failing.seed);
  ++shrink.runs;
  if (!same_failure(again, failing)) return shrink;  // not a run the shrinker can re-make
  Plan best = recorder.realized();
  std::size_t next = 0;  // preemptions before it are needed
  while (shrink.runs < max_runs) {
    const auto keys = preemptions_of(best);
    if (next >= keys.size()) break;
    Plan candidate = without_preemption(best, keys[next]);
    PlanStrategy plan(std::move(candidate));
    RunResult run = run_with(plan, failing.seed);
    ++shrink.runs;
    if (!run.passed() && same_failure(run, failing) &&
        count_preemptions(run.schedule) < count_preemptions(shrink.run.schedule)) {
      best = plan.realized();
      shrink.run = std::move(run);
    } else {
      ++next;
    }
  }
  shrink.preemptions_after = count_preemptions(shrink.run.schedule);
  return shrink;
}

}  // namespace aion::sim
