// The lifecycle property harness: runs one property as a RapidCheck campaign
// of generated lifecycle cases inside a GoogleTest test, and turns a failure
// into something a person can act on: the broken invariant in one sentence,
// the shrunk scenario and choice list, the timeline of the failing run, a
// failure file in Bazel's undeclared outputs, and one command that replays it.
//
// Scale comes from the environment: AION_PROP_CASES (cases per property),
// AION_PROP_SEED (base seed); RC_PARAMS overrides both as RapidCheck reads it
// (seed=, max_success=, reproduce=). Bazel shards (TEST_SHARD_INDEX) each
// explore their own part of the seed space. AION_PROP_ISOLATE=1 runs each case in a
// child process, so that code under test that crashes or hangs fails its case ('crashed',
// 'hung') instead of ending the test.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "props/scenario_generators.h"
#include "sim/lifecycle/case_runner.h"
#include "sim/oracle/coverage_marks.h"

namespace aion::props {

struct PropertySpec {
  std::string name;
  Profile profile;
  // Marks the campaign must reach, or it has not explored what it is for.
  std::vector<oracle::Mark> required_marks;
  int default_cases = 150;
  // Whether AION_PROP_CASES may change the number of cases (not for fixed budgets).
  bool scalable = true;
  lifecycle::CaseOptions options;
};

// How GoogleTest prints a spec: its name.
void PrintTo(const PropertySpec& spec, std::ostream* os);

struct PropertyOutcome {
  bool passed = true;
  std::string report;        // the failure report, or the coverage summary
  std::string failure_file;  // where the shrunk failure was written, if any
  std::string invariant;     // the broken invariant of the shrunk failure
  std::size_t shrunk_operations = 0;
  std::size_t shrunk_preemptions = 0;
  std::size_t cases = 0;
  oracle::CoverageMarks marks;
};

// Runs the campaign; judges nothing itself (see expect_property_holds).
PropertyOutcome run_property(const PropertySpec& spec);

// Runs the campaign and records a GoogleTest failure when it fails or misses
// a required mark.
void expect_property_holds(const PropertySpec& spec);

// The seed a campaign starts from: AION_PROP_SEED plus offsets for this shard
// (TEST_SHARD_INDEX) and this repetition of --runs_per_test (TEST_RANDOM_SEED).
std::uint64_t campaign_seed();

}  // namespace aion::props
