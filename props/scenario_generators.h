// RapidCheck generators of lifecycle cases. A Profile weights what a property
// wants to explore (which operations, which process shapes, which faults).
// The scenario is scenario::draw_scenario's, each of its draws made by
// RapidCheck, so every generated scenario is valid (labels named only where
// spawned) and shrinks toward fewer operations, fewer branches, plainer
// configurations and first choices; cases shrink toward shorter choice lists
// with smaller values (fewer preemptions).
#pragma once

#include <rapidcheck.h>

#include <cstdint>
#include <ostream>

#include "sim/lifecycle/lifecycle_case.h"
#include "sim/scenario/scenario.h"
#include "sim/scenario/scenario_sampler.h"

namespace aion::scenario {
// How RapidCheck shows a generated scenario: its script.
void showValue(const Scenario& scenario, std::ostream& os);
}  // namespace aion::scenario

namespace aion::lifecycle {
// How RapidCheck shows a generated case: strategy, seed, choices, script.
void showValue(const LifecycleCase& lifecycle_case, std::ostream& os);
}  // namespace aion::lifecycle

namespace aion::props {

using scenario::builtin_mix;
using Profile = scenario::Profile;

rc::Gen<scenario::Scenario> gen_scenario(const Profile& profile);
rc::Gen<lifecycle::LifecycleCase> gen_case(const Profile& profile);

// One case drawn from gen_case outside any property: the same seed and size
// always give the same case. Size (0-100) scales every draw as gen::inRange
// does (below 100 the last shapes and the last weighted choices are never
// drawn), so a campaign samples at full size.
lifecycle::LifecycleCase sample_case(const Profile& profile, std::uint64_t seed, int size = 100);

// One scenario drawn from gen_scenario, likewise. Not the scenario that
// scenario::sample_scenario gives for the seed (that one draws from a sim::Rng);
// call either qualified, as a Profile argument makes both candidates.
scenario::Scenario sample_scenario(const Profile& profile, std::uint64_t seed, int size = 100);

}  // namespace aion::props
