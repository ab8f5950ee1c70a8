#include "sim/lifecycle/case_shrinker.h"

#include <algorithm>
#include <functional>
#include <utility>

#include "sim/engine/schedule.h"

namespace aion::lifecycle {
namespace {

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
    for (bool progress = true; progress && budget_left();) {
      progress =
          drop_branches() | drop_ops() | plainer_config() | shorter_choices() | smaller_choices();
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

std::size_t preemptions_of(const CaseResult& result) {
  return sim::count_preemptions(result.run.schedule);
}

}  // namespace aion::lifecycle
