#include "sim/lifecycle/case_shrinker.h"

#include <algorithm>
#include <functional>
#include <utility>

#include "sim/engine/replay_strategy.h"
#include "sim/engine/schedule.h"

namespace aion::lifecycle {
namespace {

struct CausalDrop {
  LifecycleCase smallest;
  CaseResult result;
  std::size_t runs = 0;
  bool dropped = false;
};

// Drops preemptions of `generated`'s run (`ran`), latest first, while the run stays the same
// class and ends the same way: each one dropped only reordered independent events.
CausalDrop drop_preemptions_causally(CaseRunner& runner, const LifecycleCase& generated,
                                     CaseResult ran, const CaseOptions& options,
                                     std::size_t max_runs) {
  CausalDrop drop;
  drop.result = std::move(ran);
  drop.smallest = as_generated(generated, drop.result.run.schedule);
  const std::uint64_t class_hash = drop.result.run.class_hash;
  for (bool progress = true; progress && drop.runs < max_runs;) {
    progress = false;
    std::vector<std::size_t> preempting;
    std::size_t decision = 0;
    for (const sim::Choice& choice : drop.result.run.schedule) {
      if (choice.kind != sim::ChoiceKind::kSchedule) continue;
      if (choice.preemption) preempting.push_back(decision);
      ++decision;
    }
    for (auto at = preempting.rbegin(); at != preempting.rend() && drop.runs < max_runs; ++at) {
      LifecycleCase candidate = drop.smallest;
      candidate.choices[*at] = sim::ReplayStrategy::kStay;
      CaseResult result = runner.run(candidate, options);
      ++drop.runs;
      // The same class, the same end, and fewer preemptions in all (a later choice may become
      // one once an earlier one is gone).
      if (result.run.class_hash != class_hash || result.run.outcome != drop.result.run.outcome ||
          sim::count_preemptions(result.run.schedule) >=
              sim::count_preemptions(drop.result.run.schedule)) {
        continue;
      }
      drop.smallest = as_generated(candidate, result.run.schedule);
      drop.result = std::move(result);
      drop.dropped = progress = true;
      break;  // the run's decisions moved: count its preemptions again
    }
  }
  return drop;
}

class Shrinker {
 public:
  Shrinker(CaseRunner& runner, const CaseOptions& options, std::size_t max_runs,
           std::string invariant)
      : runner_(runner), options_(options), max_runs_(max_runs), invariant_(std::move(invariant)) {}

  ShrinkResult run(const LifecycleCase& failing) {
    best_.result = runner_.run(failing, options_);
    ++best_.runs;
    if (invariant_.empty()) invariant_ = best_.result.invariant();
    best_.smallest = failing.strategy.kind->takes_choices
                         ? failing
                         : as_generated(failing, best_.result.run.schedule);
    if (!(best_.smallest == failing)) best_.result = runner_.run(best_.smallest, options_);
    if (!best_.result.breaks(invariant_)) {
      // The seeded run's choice list did not reproduce it: shrink the seeded case as it is.
      best_.smallest = failing;
      best_.result = runner_.run(failing, options_);
    }
    // Every pass runs in each round, in this order, whether or not an earlier one cut.
    for (bool progress = true; progress && budget_left();) {
      progress = independent_preemptions();
      progress = drop_branches() || progress;
      progress = drop_ops() || progress;
      progress = plainer_config() || progress;
      progress = shorter_choices() || progress;
      progress = smaller_choices() || progress;
    }
    return std::move(best_);
  }

 private:
  bool budget_left() const { return best_.runs < max_runs_; }

  // Runs the candidate; keeps it when it fails the same way.
  bool try_candidate(const LifecycleCase& candidate) {
    if (!budget_left() || scenario::validate(candidate.scenario)) return false;
    CaseResult result = runner_.run(candidate, options_);
    ++best_.runs;
    if (!result.breaks(invariant_)) return false;
    best_.smallest = candidate;
    best_.result = std::move(result);
    return true;
  }

  // First, so that the other steps start from the run with only the preemptions that matter.
  bool independent_preemptions() {
    if (!best_.smallest.strategy.kind->takes_choices || !budget_left()) return false;
    CausalDrop drop = drop_preemptions_causally(runner_, best_.smallest, best_.result, options_,
                                                max_runs_ - best_.runs);
    best_.runs += drop.runs;
    if (!drop.dropped || !drop.result.breaks(invariant_)) return false;
    best_.smallest = std::move(drop.smallest);
    best_.result = std::move(drop.result);
    return true;
  }

  bool drop_branches() {
    bool progress = false;
    for (std::size_t b = best_.smallest.scenario.branches.size(); b-- > 0;) {
      LifecycleCase candidate = best_.smallest;
      candidate.scenario.branches.erase(candidate.scenario.branches.begin() +
                                        static_cast<std::ptrdiff_t>(b));
      progress |= try_candidate(candidate);
    }
    return progress;
  }

  // Delta debugging: chunks of half the list first, then of a quarter, down to
  // single operations, so that a long scenario loses most of itself in a few
  // runs. Chunks go from the back, so a removal leaves the indices before it.
  bool drop_ops_in(const std::function<std::vector<scenario::Op>&(LifecycleCase&)>& ops_of) {
    bool progress = false;
    for (std::size_t chunk = std::max<std::size_t>(ops_of(best_.smallest).size() / 2, 1);;
         chunk /= 2) {
      for (std::size_t end = ops_of(best_.smallest).size(); end > 0 && budget_left();) {
        const std::size_t first = end > chunk ? end - chunk : 0;
        LifecycleCase candidate = best_.smallest;
        auto& ops = ops_of(candidate);
        ops.erase(ops.begin() + static_cast<std::ptrdiff_t>(first),
                  ops.begin() + static_cast<std::ptrdiff_t>(std::min(end, ops.size())));
        progress |= try_candidate(candidate);
        end = first;
      }
      if (chunk == 1) break;
    }
    return progress;
  }

  bool drop_ops() {
    bool progress = false;
    for (std::size_t b = 0; b < best_.smallest.scenario.branches.size(); ++b) {
      progress |= drop_ops_in(
          [b](LifecycleCase& c) -> std::vector<scenario::Op>& { return c.scenario.branches[b]; });
    }
    progress |= drop_ops_in(
        [](LifecycleCase& c) -> std::vector<scenario::Op>& { return c.scenario.prefix; });
    return progress;
  }

  bool plainer_config() {
    bool progress = false;
    auto attempt = [&](const std::function<void(scenario::Config&)>& change) {
      LifecycleCase candidate = best_.smallest;
      change(candidate.scenario.config);
      if (!(candidate == best_.smallest)) progress |= try_candidate(candidate);
    };
    attempt([](scenario::Config& c) { c.schedulers = 1; });
    attempt([](scenario::Config& c) { c.faults = {}; });
    attempt([](scenario::Config& c) { c.faults.thread_start_fails = 0; });
    attempt([](scenario::Config& c) { c.faults.wakeup_delayed = 0; });
    attempt([](scenario::Config& c) { c.faults.extra_yield = 0; });
    attempt([](scenario::Config& c) { c.faults.spurious_wakeup = 0; });
    return progress;
  }

  bool shorter_choices() {
    if (!best_.smallest.strategy.kind->takes_choices) return false;
    bool progress = false;
    for (std::size_t keep = 0; keep < best_.smallest.choices.size(); keep = keep ? keep * 2 : 1) {
      LifecycleCase candidate = best_.smallest;
      candidate.choices.resize(keep);
      if (try_candidate(candidate)) {
        progress = true;
        break;
      }
    }
    for (std::size_t i = best_.smallest.choices.size(); i-- > 0;) {
      LifecycleCase candidate = best_.smallest;
      if (i >= candidate.choices.size()) continue;
      candidate.choices.erase(candidate.choices.begin() + static_cast<std::ptrdiff_t>(i));
      progress |= try_candidate(candidate);
    }
    return progress;
  }

  bool smaller_choices() {
    if (!best_.smallest.strategy.kind->takes_choices) return false;
    bool progress = false;
    for (std::size_t i = 0; i < best_.smallest.choices.size(); ++i) {
      if (best_.smallest.choices[i] == 0) continue;
      LifecycleCase candidate = best_.smallest;
      candidate.choices[i] = 0;
      progress |= try_candidate(candidate);
    }
    return progress;
  }

  CaseRunner& runner_;
  const CaseOptions& options_;
  std::size_t max_runs_;
  std::string invariant_;
  ShrinkResult best_;
};

}  // namespace

ShrinkResult shrink_case(CaseRunner& runner, const LifecycleCase& failing,
                         const CaseOptions& options, std::size_t max_runs,
                         const std::string& invariant) {
  return Shrinker(runner, options, max_runs, invariant).run(failing);
}

LifecycleCase drop_independent_preemptions(CaseRunner& runner, const LifecycleCase& generated,
                                           const CaseOptions& options, std::size_t max_runs) {
  if (max_runs == 0) return generated;
  return drop_preemptions_causally(runner, generated, runner.run(generated, options), options,
                                   max_runs - 1)
      .smallest;
}

std::size_t preemptions_of(const CaseResult& result) {
  return sim::count_preemptions(result.run.schedule);
}

}  // namespace aion::lifecycle
