// How many schedules a strategy needs to find a classic program's bug: one campaign runs the
// program under the strategy (sampling: a fresh seed a run, drawn from the campaign's; a
// systematic one: its walk, on the campaign's seed) until a run fails (a failed check, a
// deadlock, any run that does not pass) or the limit.
#pragma once

#include <cstdint>
#include <set>

#include "sim/classic/classic_programs.h"
#include "sim/engine/strategy_kind.h"

namespace aion::classic {

struct Hunt {
  bool found = false;
  std::uint64_t runs = 0;     // to the first failure, or all that ran
  bool covered = false;       // a systematic strategy covered its space without a failure
  std::uint64_t classes = 0;  // distinct classes among the runs
};

Hunt hunt(const Program& program, const sim::StrategySpec& strategy, std::uint64_t campaign,
          std::uint64_t limit);

}  // namespace aion::classic
