#include "props/scenario_generators.h"

#include <utility>

#include "sim/engine/strategy_registry.h"
#include "sim/scenario/scenario_text.h"

namespace aion::scenario {

void showValue(const Scenario& scenario, std::ostream& os) { os << render(scenario); }

}  // namespace aion::scenario

namespace aion::lifecycle {

void showValue(const LifecycleCase& c, std::ostream& os) {
  os << "strategy " << c.strategy.text() << ", seed " << c.seed << ", " << c.choices.size()
     << " choices\n"
     << scenario::render(c.scenario);
}

}  // namespace aion::lifecycle

namespace aion::props {
namespace {

using scenario::Op;
using scenario::Shape;
using scenario::Target;

Shape draw_shape(const Profile& profile) {
  if (profile.shapes.empty()) {
    return static_cast<Shape>(*rc::gen::inRange<int>(0, scenario::kShapeCount));
  }
  return *rc::gen::elementOf(profile.shapes);
}

std::uint32_t draw_rate(std::uint32_t max_rate) {
  return max_rate == 0 ? 0 : *rc::gen::element<std::uint32_t>(0, max_rate / 2, max_rate);
}

Target draw_target(const Profile& profile, const std::vector<std::uint32_t>& known) {
  const int label_weight = known.empty() ? 0 : 4;
  const bool raw = *rc::gen::weightedElement<bool>(
      {{label_weight, false}, {profile.never_spawned_target, true}});
  if (raw || known.empty()) return Target{false, 9999};
  return Target{true, *rc::gen::elementOf(known)};
}

// One operation; a spawn's new label joins `known`.
Op draw_op(const Profile& profile, std::vector<std::uint32_t>& known, std::uint32_t& next_label,
           bool in_branch) {
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
  const Kind kind = *rc::gen::weightedElement<Kind>({
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
      return scenario::op::Monitor{draw_target(profile, known)};
    case kCancel:
      return scenario::op::Cancel{Target{true, *rc::gen::elementOf(known)}};
    case kDeliver:
      return scenario::op::Deliver{Target{true, *rc::gen::elementOf(known)},
                                   *rc::gen::inRange<runtime::Correlation>(1, 3)};
    case kIsLive:
      return scenario::op::IsLive{Target{true, *rc::gen::elementOf(known)}};
    case kRecentExit:
      return scenario::op::RecentExit{Target{true, *rc::gen::elementOf(known)}};
    case kCounts:
      return scenario::op::Counts{};
    case kSpawn:
      known.push_back(next_label++);
      return scenario::op::Spawn{draw_shape(profile)};
    case kChurn:
      return scenario::op::Churn{*rc::gen::inRange<std::uint32_t>(1, 9)};
    case kSettle:
      return scenario::op::Settle{};
    case kShutdown:
      return scenario::op::Shutdown{};
  }
  return scenario::op::Settle{};
}

}  // namespace

rc::Gen<scenario::Scenario> gen_scenario(const Profile& profile) {
  return rc::gen::exec([profile] {
    scenario::Scenario s;
    s.config.schedulers = *rc::gen::inRange<std::uint32_t>(1, profile.max_schedulers + 1);
    s.config.tombstones = *rc::gen::inRange<std::uint32_t>(1, profile.max_tombstones + 1);
    s.config.faults.thread_start_fails = draw_rate(profile.thread_start_fails);
    s.config.faults.wakeup_delayed = draw_rate(profile.wakeup_delayed);
    s.config.faults.extra_yield = draw_rate(profile.extra_yield);
    s.config.faults.spurious_wakeup = draw_rate(profile.spurious_wakeup);

    std::vector<std::uint32_t> prefix_labels;
    std::uint32_t next_label = 0;
    const auto spawns = *rc::gen::inRange<std::uint32_t>(1, profile.max_prefix_spawns + 1);
    for (std::uint32_t i = 0; i < spawns; ++i) {
      prefix_labels.push_back(next_label++);
      s.prefix.push_back(scenario::op::Spawn{draw_shape(profile)});
    }
    const auto extra = *rc::gen::inRange<std::uint32_t>(0, 3);
    for (std::uint32_t i = 0; i < extra; ++i) {
      s.prefix.push_back(draw_op(profile, prefix_labels, next_label, false));
    }
    const auto branches =
        *rc::gen::inRange<std::uint32_t>(profile.min_branches, profile.max_branches + 1);
    for (std::uint32_t b = 0; b < branches; ++b) {
      std::vector<std::uint32_t> known = prefix_labels;
      std::vector<Op> ops;
      const auto count = *rc::gen::inRange<std::uint32_t>(1, profile.max_branch_ops + 1);
      for (std::uint32_t i = 0; i < count; ++i) {
        ops.push_back(draw_op(profile, known, next_label, true));
      }
      s.branches.push_back(std::move(ops));
    }
    return s;
  });
}

rc::Gen<lifecycle::LifecycleCase> gen_case(const Profile& profile) {
  return rc::gen::exec([profile] {
    lifecycle::LifecycleCase c;
    c.scenario = *gen_scenario(profile);
    const std::string strategy = *rc::gen::weightedElement<std::string>({
        {profile.generated_weight, "generated"},
        {profile.random_weight, "random"},
        {profile.pct_weight, "pct"},
    });
    c.strategy = sim::strategy_named(
        strategy == "pct" ? "pct:" + std::to_string(*rc::gen::inRange<std::uint32_t>(1, 4))
                          : strategy);
    c.seed = *rc::gen::inRange<std::uint64_t>(0, 1u << 30);
    if (c.strategy.kind->takes_choices) {
      const auto length = *rc::gen::inRange<std::size_t>(0, 400);
      c.choices = *rc::gen::container<std::vector<std::uint32_t>>(
          length, rc::gen::inRange<std::uint32_t>(0, 4));
    }
    return c;
  });
}

lifecycle::LifecycleCase sample_case(const Profile& profile, std::uint64_t seed, int size) {
  return gen_case(profile)(rc::Random(seed), size).value();
}

scenario::Scenario sample_scenario(const Profile& profile, std::uint64_t seed, int size) {
  return gen_scenario(profile)(rc::Random(seed), size).value();
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

}  // namespace aion::props
