// The coverage picture of `aionsim fuzz --plot`: features over the budget (runs, or seconds
// when the budget is time) for guided and blind campaigns of the same budget, one line each,
// with a dot where each found its first failure of an invariant, as fuzzing papers draw
// coverage curves. A self-contained SVG.
#pragma once

#include <string>

#include "sim/cli/fuzz_campaign.h"

namespace aion::cli {

std::string fuzz_plot_svg(const FuzzStats& guided, const FuzzStats& blind, bool by_runs,
                          const std::string& title);

}  // namespace aion::cli
