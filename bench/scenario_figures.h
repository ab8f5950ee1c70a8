// Whole-runtime figures for the benchmark: complete runs per second and
// scheduling decisions per second of generated lifecycle scenarios of each
// size, and the time the full property suite takes per thousand cases.
#pragma once

namespace aion::bench {

void print_scenario_figures(int repetitions);

}  // namespace aion::bench
