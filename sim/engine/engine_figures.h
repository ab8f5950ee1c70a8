// The simulation engine's own costs, measured on tiny programs, for the benchmark target:
// a bare Boost.Context jump for reference; a yield point with one runnable fiber (no
// decision), with two and a strategy that stays (a decision, no switch), and with two
// ping-ponging under a strategy that always switches (the full fiber switch: scheduling
// point, decision, recorded choice, trace hash, context switch); and scheduling decisions
// per second under the random walk with four threads. Each figure is a median.
#pragma once

#include <vector>

namespace aion::sim {

struct EngineFigures {
  double bare_jump_ns = 0;
  double yield_alone_ns = 0;
  double yield_stay_ns = 0;
  double switch_ns = 0;
  double decisions_per_second = 0;
  int repetitions = 0;
};

EngineFigures measure_engine(int repetitions);
// The median of a benchmark's repeated measurements.
double median(std::vector<double> values);
void print_engine_figures(const EngineFigures& figures);

}  // namespace aion::sim
