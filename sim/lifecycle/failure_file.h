// The failure file: a saved lifecycle case and what it showed, as text, so a
// failure found anywhere (a property, a campaign) can be replayed, shrunk,
// attached to a bug, or dropped into tests/regressions/.
//
//   aion-failure 2
//   build aion-runtime/3
//   defects R3                          (only for bug zoo findings)
//   expect failure no-lost-wakeup      (or: expect pass)
//   violation <the broken invariant, in one sentence>
//   strategy generated                  (random, pct:3:1000)
//   seed 42
//   choices 0 1 1 0 2
//   schedule 1/2@14 0/3@20! ...         (the exact recorded run, for strict replay)
//   trace-hash 9f3c0a...
//   scenario
//   config schedulers=2 ...
//   prefix
//   ...
//   end 512 7f3a09c4d21e88b0            (the bytes before this line, and their checksum)
//
// The first line carries the format version, the second the runtime build
// the file was recorded against; a reader refuses other formats and other
// builds with a message that says which. `expect` is what replaying it must show now: a
// regression whose bug was fixed says `expect pass`. The end line makes a file
// that was cut short anywhere (or changed) a file the reader refuses. A
// generated case's choices and its recorded schedule must tell the same run:
// a reader refuses a file whose two disagree.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "runtime/runtime_defects.h"
#include "sim/engine/schedule.h"
#include "sim/lifecycle/lifecycle_case.h"

namespace aion::lifecycle {

inline constexpr int kFailureFormatVersion = 2;
// Bumped whenever the runtime or the scenario semantics change so that old
// recordings no longer mean the same run.
inline constexpr const char* kBuildIdentity = "aion-runtime/5";

struct FailureFile {
  LifecycleCase lifecycle_case;
  std::string expect_invariant;  // empty: the case is expected to pass
  std::string violation;
  sim::Schedule schedule;
  std::uint64_t trace_hash = 0;
  std::string build = kBuildIdentity;
  // The re-created race classes the run had switched on (bug zoo findings).
  runtime::RuntimeDefects defects;

  bool operator==(const FailureFile&) const = default;
};

std::string render_failure(const FailureFile& file);

// Reads a failure file; the error says what is wrong, with a line number. A file recorded
// against another runtime build is refused unless `any_build` (to record it again).
std::variant<FailureFile, std::string> parse_failure(const std::string& text,
                                                     bool any_build = false);

}  // namespace aion::lifecycle
