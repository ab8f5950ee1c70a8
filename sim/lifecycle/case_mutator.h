// Mutations of a lifecycle case, for guided fuzzing: of its scenario (insert, delete, swap or
// duplicate an operation, add or drop a branch, change the configuration or a fault rate, the
// seed) and of its schedule (choose again a window of choices, or every choice after a place,
// near where the case reached something new; cut or extend the list; take another case's
// choices or branch). Each mutation
// is one entry of kMutations; mutate() applies one to four of them and returns a case that
// validates and keeps to the profile's bounds (a mutation that would break the scenario is
// not applied). Every draw comes from the caller's Rng: the same stream, the same mutants.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "sim/engine/rng.h"
#include "sim/lifecycle/lifecycle_case.h"
#include "sim/scenario/scenario_sampler.h"

namespace aion::lifecycle {

struct MutationContext {
  const scenario::Profile& profile;
  sim::Rng& rng;
  const LifecycleCase* other = nullptr;  // another corpus case, for the splicing mutations
  // Where in the choice list the case reached something new (a fraction of its decisions,
  // from 0 to 1; negative: nowhere known), and its decisions.
  double hint = -1;
  std::uint64_t decisions = 0;
};

struct Mutation {
  const char* name;
  std::uint32_t weight;  // how often mutate() picks it, relative to the others
  // Whether it changed the case (it may find nothing to do, e.g. no branch to drop).
  bool (*apply)(LifecycleCase& c, MutationContext& context);
};

std::span<const Mutation> mutations();

// One to four mutations, stacked; the case's strategy becomes `generated` (its choices).
LifecycleCase mutate(const LifecycleCase& c, MutationContext& context);

}  // namespace aion::lifecycle
