// What a run reached, as features for a fuzzer's feedback: small numbers in [0, kFeatureSpace),
// each a hash of one observation, so that a run that yields a feature no earlier run did has
// reached something new. The observations are the lifecycle's own, not this runtime's code:
// - each coverage mark reached, and roughly how often (buckets 1, 2-3, 4-7, 8+);
// - for each two operations, their kinds and answers and whether one returned before the
//   other began or the two overlapped (which operation's effect another could observe), and
//   whether the two named one process;
// - for each operation and each event on the process it names, whether the event came
//   before it began, while it was under way, or after it returned;
// - each process's history as the oracle follows it: every two consecutive events on one pid;
// - the whole record in order (operations beginning and returning, events): every three
//   consecutive entries, which is how the threads' steps interleaved, and which of the three
//   were on one process (the same three on three processes are independent work side by side);
// - the invariants the run broke, and how the run ended.
// The same run gives the same features (they depend on the record alone). libFuzzer takes
// them as extra counters; `aionsim fuzz` keeps a case that yields a new one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/lifecycle/case_runner.h"

namespace aion::lifecycle {

inline constexpr std::size_t kFeatureSpace = std::size_t{1} << 22;

// What a feature came from, for the mutators that work near it: the sequence numbers of the
// record's events (and the op's invocation) it involved.
struct Feature {
  std::uint32_t id = 0;
  std::uint64_t seq = 0;  // the latest record sequence number it involved
};

// Each distinct feature once, with the first place it was seen.
std::vector<Feature> run_features(const CaseResult& result);

}  // namespace aion::lifecycle
