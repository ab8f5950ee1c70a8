// The end of an explore campaign, for a person (text) and for tools (JSON,
// with --json). What depends on how the campaign ran (jobs, wall time,
// rates) sits in the JSON's "timing" object alone, so two campaigns of the
// same seed and --runs give the same JSON minus "timing", whatever --jobs.
// `aionsim merge` reads such JSON back (summary_reader.h) and writes its own
// report of the shards together in the same form.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "runtime/runtime_defects.h"
#include "sim/cli/campaign.h"
#include "sim/cli/finding.h"

namespace aion::cli {

struct SavedFailure {
  Finding finding;  // as saved: shrunk when it could be
  std::string path;
  bool shrunk = false;
  std::size_t operations_before = 0;
};

struct ExploreReport {
  std::string scenario_source;  // "builtin mix" or the --scenario path
  std::string strategy;         // complete: every parameter the campaign used
  std::string calibrated_from;  // the form given, when the campaign calibrated it
  std::uint64_t seed = 0;
  runtime::RuntimeDefects defects;
  unsigned jobs = 1;
  // The parts of the campaign (--shard I/N) this report covers: {0} of 1 is the whole.
  std::vector<std::uint64_t> shard_parts{0};
  std::uint64_t shard_count = 1;
  std::vector<std::string> merged_from;  // the folders merge read, if merge wrote this
  std::string interrupted_by;            // the signal that ended the campaign, if one did
  // Written while the campaign runs (its summary on disk says "stopped_by": "running").
  bool running = false;
  CampaignStats stats;
  std::vector<SavedFailure> failures;
  // merge: findings of the same invariants as `failures` whose shrunk cases differ.
  std::vector<SavedFailure> other_cases;
};

std::string summary_text(const ExploreReport& report);
std::string summary_json(const ExploreReport& report);

// How to replay a saved failure from where the user is.
std::string replay_invocation(const std::string& path);
// The saved failures as the summaries list them (explore's and fuzz's).
nlohmann::ordered_json failures_json(const std::vector<SavedFailure>& failures);

}  // namespace aion::cli
