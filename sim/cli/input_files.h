// Reading the files aionsim is given: a failure file (replay, shrink), or for
// --scenario either a failure file or a bare scenario script. A file that is
// missing, unreadable, truncated, of another format version or build, or
// malformed is a UsageError: `<path>: line <n>: <what is wrong>`.
#pragma once

#include <string>

#include "sim/lifecycle/failure_file.h"
#include "sim/scenario/scenario.h"

namespace aion::cli {

lifecycle::FailureFile load_failure_file(const std::string& path);
// The same, of any runtime build (for rerecord).
lifecycle::FailureFile load_failure_file_of_any_build(const std::string& path);

// The scenario of a failure file, or a scenario script.
scenario::Scenario load_scenario(const std::string& path);

}  // namespace aion::cli
