// Random lifecycle scenarios, written once over a source of draws. A Profile
// weights what to explore; draw_scenario turns draws into a scenario that
// always validates (labels named only where spawned) and keeps to the
// profile's bounds. Lower draws are the plainer choices (fewer operations and
// branches, the first shape, the first choice of a weighted list), so a
// source that shrinks toward low values shrinks the scenario. sample_scenario
// draws from a seeded Rng: the same seed gives the same scenario everywhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <utility>
#include <vector>

#include "sim/engine/rng.h"
#include "sim/scenario/scenario.h"

namespace aion::scenario {

struct Profile {
  // Relative weights of the operations in branches (and after the prefix's spawns).
  int monitor = 4;
  int cancel = 1;
  int deliver = 2;
  int spawn = 1;
  int churn = 0;
  int settle = 1;
  int shutdown = 0;
  // Queries: is_live and recent_exit of a label, and the introspection counts.
  int is_live = 1;
  int recent_exit = 1;
  int counts = 1;
  int never_spawned_target = 1;  // of monitor targets, against one per spawned label
  std::vector<Shape> shapes;     // empty: every shape
  std::uint32_t min_branches = 2;
  std::uint32_t max_branches = 3;
  std::uint32_t max_branch_ops = 4;
  std::uint32_t max_prefix_spawns = 3;
  std::uint32_t max_tombstones = 4;
  std::uint32_t max_schedulers = 4;
  // Fault rates (thousandths) a case may draw, per site; 0 disables the site.
  std::uint32_t thread_start_fails = 0;
  std::uint32_t wakeup_delayed = 0;
  std::uint32_t extra_yield = 0;
  std::uint32_t spurious_wakeup = 0;
  // Share of cases scheduled by a seeded strategy instead of a generated list
  // (for props' gen_case: a scenario alone has no schedule).
  int generated_weight = 6;
  int random_weight = 2;
  int pct_weight = 2;
};

// The mix a campaign explores by default: every operation, every shape, some
// churn and shutdowns, light faults.
Profile builtin_mix();

class Draws {
 public:
  virtual ~Draws() = default;
  // A size (how many operations, branches, schedulers): uniform in [low, high); callers
  // guarantee low < high. A source may scale sizes down (RapidCheck's small sizes).
  virtual std::uint64_t in_range(std::uint64_t low, std::uint64_t high) = 0;
  // A choice among `count` alternatives (which operation, which label): uniform in
  // [0, count), never scaled, so that rare alternatives come up at every size.
  virtual std::uint64_t pick(std::uint64_t count) = 0;

  // One of the values, each with probability weight / sum of weights; weights
  // are non-negative and at least one is positive. One draw, so that the
  // lowest draw is the first value of positive weight.
  template <typename T>
  T weighted(std::initializer_list<std::pair<int, T>> choices) {
    std::uint64_t total = 0;
    for (const auto& choice : choices) total += static_cast<std::uint64_t>(choice.first);
    std::uint64_t drawn = pick(total);
    auto choice = choices.begin();
    while (drawn >= static_cast<std::uint64_t>(choice->first)) {
      drawn -= static_cast<std::uint64_t>(choice->first);
      ++choice;
    }
    return choice->second;
  }

  // An element of a non-empty vector, the first at the lowest draw.
  template <typename T>
  T element_of(const std::vector<T>& elements) {
    return elements[static_cast<std::size_t>(pick(elements.size()))];
  }
};

// Draws from a sim::Rng: a plain seeded stream, nothing to shrink.
class RngDraws final : public Draws {
 public:
  explicit RngDraws(std::uint64_t seed) : rng_(seed) {}
  std::uint64_t in_range(std::uint64_t low, std::uint64_t high) override;
  std::uint64_t pick(std::uint64_t count) override { return rng_.below(count); }

 private:
  sim::Rng rng_;
};

Scenario draw_scenario(const Profile& profile, Draws& draws);

// One operation as draw_scenario draws it (for mutators that insert one): `known` are the
// labels it may name, and a spawn's new label (`next_label`, then advanced) joins them.
Op draw_op(const Profile& profile, std::vector<std::uint32_t>& known, std::uint32_t& next_label,
           bool in_branch, Draws& draws);

// The draws of this seed's scenario: its own stream (derive_seed(seed, "scenario")), so that
// whatever else a campaign draws from the seed never moves it.
RngDraws scenario_draws_of(std::uint64_t seed);

// The scenario of this seed, drawn from scenario_draws_of(seed).
Scenario sample_scenario(const Profile& profile, std::uint64_t seed);

}  // namespace aion::scenario
