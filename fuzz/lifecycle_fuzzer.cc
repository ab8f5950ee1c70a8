// libFuzzer's entry point: the input's bytes decode into a lifecycle case
// (sim/lifecycle/case_decoder.h), which runs in the simulator under the oracle. A violation
// prints the case as a failure file on stderr and aborts, so that libFuzzer saves the input;
// `aionsim replay` takes the printed file as it is (cut from `aion-failure` to its `end`
// line; or `aionsim decode` turns the saved input into the file). The run's features
// (sim/lifecycle/run_features.h: which operations overlapped, where each process's events
// fell around them, its history, the coverage marks) go to libFuzzer as extra counters, so
// that an input that orders the lifecycle a new way is kept as one that reaches new code
// would be. AION_FUZZ_DEFECTS=R3 (names as --defects takes them) plants defects in the runtime.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>

#include "sim/cli/finding.h"
#include "sim/cli/flag_values.h"
#include "sim/lifecycle/case_decoder.h"
#include "sim/lifecycle/case_runner.h"
#include "sim/lifecycle/failure_file.h"
#include "sim/lifecycle/run_features.h"

namespace {

// libFuzzer reads (and clears before each input) every byte of this section as coverage, so
// the features are folded into fewer counters than aionsim fuzz keeps: what they cost per
// input stays what it was.
constexpr std::size_t kCounters = std::size_t{1} << 20;
[[gnu::used, gnu::section("__libfuzzer_extra_counters")]] std::uint8_t feature_counters[kCounters];

aion::lifecycle::CaseOptions options_from_environment() {
  aion::lifecycle::CaseOptions options;
  if (const char* defects = std::getenv("AION_FUZZ_DEFECTS")) {
    options.runtime.defects = aion::cli::parse_defects("AION_FUZZ_DEFECTS", defects);
  }
  return options;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static aion::lifecycle::CaseRunner runner;
  static const aion::lifecycle::CaseOptions options = options_from_environment();
  const aion::lifecycle::LifecycleCase c =
      aion::lifecycle::decode_case(std::span<const std::uint8_t>(data, size));
  const aion::lifecycle::CaseResult result = runner.run(c, options);
  for (const auto& feature : aion::lifecycle::run_features(result)) {
    feature_counters[feature.id % kCounters] = 1;
  }
  if (!result.failed()) return 0;
  aion::cli::Finding finding = aion::cli::finding_of(c, result, "");
  finding.defects = options.runtime.defects;
  std::fprintf(stderr, "%s",
               aion::lifecycle::render_failure(aion::cli::failure_file_of(finding)).c_str());
  std::abort();
}
