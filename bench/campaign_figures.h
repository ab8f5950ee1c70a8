// Campaign figures for the benchmark: what crash isolation costs (runs per
// second in worker processes against threads of one process, as a ratio
// measured in the same process), the memory of the distinct-hash count after
// 10^4, 10^6 and 10^7 hashes (flat past its exact limit), and the time to
// shrink a 10,000-operation failing scenario.
#pragma once

namespace aion::bench {

void print_campaign_figures(int repetitions);

}  // namespace aion::bench
