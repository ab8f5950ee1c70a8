#include "sim/scenario/scenario_sampler.h"

#include <utility>

namespace aion::scenario {
namespace {

Shape draw_shape(const Profile& profile, Draws& draws) {
  if (profile.shapes.empty()) return static_cast<Shape>(draws.in_range(0, kShapeCount));
  return draws.element_of(profile.shapes);
}

std::uint32_t draw_rate(std::uint32_t max_rate, Draws& draws) {
  return max_rate == 0 ? 0
                       : draws.element_of(std::vector<std::uint32_t>{0, max_rate / 2, max_rate});
}

std::uint32_t draw_count(std::uint32_t low, std::uint32_t high, Draws& draws) {
  return static_cast<std::uint32_t>(draws.in_range(low, high));
}

Target draw_target(const Profile& profile, const std::vector<std::uint32_t>& known, Draws& draws) {
  const int label_weight = known.empty() ? 0 : 4;
  const bool raw =
      draws.weighted<bool>({{label_weight, false}, {profile.never_spawned_target, true}});
  if (raw || known.empty()) return Target{false, 9999};
  return Target{true, draws.element_of(known)};
}

}  // namespace

Op draw_op(const Profile& profile, std::vector<std::uint32_t>& known, std::uint32_t& next_label,
           bool in_branch, Draws& draws) {
  enum Kind {
    kMonitor,
    kCancel,
    kDeliver,
    kIsLive,
    kRecentExit,
    kCounts,
    kSpawn,
    kChurn,
    kSettle,
    kShutdown
  };
  const int target_ops = known.empty() ? 0 : 1;
  const Kind kind = draws.weighted<Kind>({
      {profile.monitor, kMonitor},
      {profile.cancel * target_ops, kCancel},
      {profile.deliver * target_ops, kDeliver},
      {profile.is_live * target_ops, kIsLive},
      {profile.recent_exit * target_ops, kRecentExit},
      {profile.counts, kCounts},
      {profile.spawn, kSpawn},
      {profile.churn, kChurn},
      {profile.settle, kSettle},
      {in_branch ? profile.shutdown : 0, kShutdown},
  });
  switch (kind) {
    case kMonitor:
      return op::Monitor{draw_target(profile, known, draws)};
    case kCancel:
      return op::Cancel{Target{true, draws.element_of(known)}};
    case kDeliver:
      return op::Deliver{Target{true, draws.element_of(known)}, draws.in_range(1, 3)};
    case kIsLive:
      return op::IsLive{Target{true, draws.element_of(known)}};
    case kRecentExit:
      return op::RecentExit{Target{true, draws.element_of(known)}};
    case kCounts:
      return op::Counts{};
    case kSpawn:
      known.push_back(next_label++);
      return op::Spawn{draw_shape(profile, draws)};
    case kChurn:
      return op::Churn{draw_count(1, 9, draws)};
    case kSettle:
      return op::Settle{};
    case kShutdown:
      return op::Shutdown{};
  }
  return op::Settle{};
}

Profile builtin_mix() {
  Profile profile;
  profile.churn = 1;
  profile.shutdown = 1;
  profile.thread_start_fails = 50;
  profile.wakeup_delayed = 50;
  profile.extra_yield = 100;
  profile.spurious_wakeup = 50;
  return profile;
}

std::uint64_t RngDraws::in_range(std::uint64_t low, std::uint64_t high) {
  return low + rng_.below(high - low);
}

Scenario draw_scenario(const Profile& profile, Draws& draws) {
  Scenario s;
  s.config.schedulers = draw_count(1, profile.max_schedulers + 1, draws);
  s.config.tombstones = draw_count(1, profile.max_tombstones + 1, draws);
  s.config.faults.thread_start_fails = draw_rate(profile.thread_start_fails, draws);
  s.config.faults.wakeup_delayed = draw_rate(profile.wakeup_delayed, draws);
  s.config.faults.extra_yield = draw_rate(profile.extra_yield, draws);
  s.config.faults.spurious_wakeup = draw_rate(profile.spurious_wakeup, draws);

  std::vector<std::uint32_t> prefix_labels;
  std::uint32_t next_label = 0;
  const std::uint32_t spawns = draw_count(1, profile.max_prefix_spawns + 1, draws);
  for (std::uint32_t i = 0; i < spawns; ++i) {
    prefix_labels.push_back(next_label++);
    s.prefix.push_back(op::Spawn{draw_shape(profile, draws)});
  }
  const std::uint32_t extra = draw_count(0, 3, draws);
  for (std::uint32_t i = 0; i < extra; ++i) {
    s.prefix.push_back(draw_op(profile, prefix_labels, next_label, false, draws));
  }
  const std::uint32_t branches = draw_count(profile.min_branches, profile.max_branches + 1, draws);
  for (std::uint32_t b = 0; b < branches; ++b) {
    std::vector<std::uint32_t> known = prefix_labels;
    std::vector<Op> ops;
    const std::uint32_t count = draw_count(1, profile.max_branch_ops + 1, draws);
    for (std::uint32_t i = 0; i < count; ++i) {
      ops.push_back(draw_op(profile, known, next_label, true, draws));
    }
    s.branches.push_back(std::move(ops));
  }
  return s;
}

RngDraws scenario_draws_of(std::uint64_t seed) {
  return RngDraws(sim::derive_seed(seed, "scenario"));
}

Scenario sample_scenario(const Profile& profile, std::uint64_t seed) {
  RngDraws draws = scenario_draws_of(seed);
  return draw_scenario(profile, draws);
}

}  // namespace aion::scenario
