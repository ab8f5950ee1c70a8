// RapidCheck generators of lifecycle cases. A Profile weights what a property
// wants to explore (which operations, which process shapes, which faults);
// every generated scenario is valid (labels named only where spawned) and
// shrinks toward fewer operations, fewer branches, plainer configurations and
// shorter choice lists with smaller values (fewer preemptions).
#pragma once

#include <rapidcheck.h>

#include <cstdint>
#include <ostream>
#include <vector>

#include "sim/lifecycle/lifecycle_case.h"
#include "sim/scenario/scenario.h"

namespace aion::scenario {
// How RapidCheck shows a generated scenario: its script.
void showValue(const Scenario& scenario, std::ostream& os);
}  // namespace aion::scenario

namespace aion::lifecycle {
// How RapidCheck shows a generated case: strategy, seed, choices, script.
void showValue(const LifecycleCase& lifecycle_case, std::ostream& os);
}  // namespace aion::lifecycle

namespace aion::props {

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
  int never_spawned_target = 1;         // of monitor targets, against one per spawned label
  std::vector<scenario::Shape> shapes;  // empty: every shape
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
  // Share of cases scheduled by a seeded strategy instead of a generated list.
  int generated_weight = 6;
  int random_weight = 2;
  int pct_weight = 2;
};

rc::Gen<scenario::Scenario> gen_scenario(const Profile& profile);
rc::Gen<lifecycle::LifecycleCase> gen_case(const Profile& profile);

// One case drawn from gen_case outside any property: the same seed and size
// always give the same case. Size (0-100) scales every range as in RapidCheck
// (gen::inRange too: below 100 the last process shapes are never drawn), so
// a campaign samples at full size.
lifecycle::LifecycleCase sample_case(const Profile& profile, std::uint64_t seed, int size = 100);

// One scenario drawn from gen_scenario, likewise: what a campaign needs, without
// drawing the rest of a case.
scenario::Scenario sample_scenario(const Profile& profile, std::uint64_t seed, int size = 100);

// The mix a campaign explores by default: every operation, every shape, some
// churn and shutdowns, light faults.
Profile builtin_mix();

}  // namespace aion::props
