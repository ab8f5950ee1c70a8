// How the engine's cost per scheduling point holds up with many threads, long runs and failing
// runs: N threads x M lock/unlock pairs on one mutex, N threads x 100 yields, one run of 10^6
// points, and runs that fail a check against the same runs passing. Each figure is a median of
// `repetitions`, and each table is read against its own first row, measured in the same
// process, so that a noisy machine moves numerator and denominator alike.
#pragma once

namespace aion::bench {

void print_scale_figures(int repetitions);

}  // namespace aion::bench
