// The generic failure file of aion::sim::check: any program's failing run, as text.
//
//   aion-check 2
//   test Suite.Name
//   build aion-sim/1 exe:4be1c0...
//   strategy mix                      (the search's)
//   seed 1234                         (the run's)
//   run 17                            (its place in the search, from 1)
//   outcome check_failed
//   message <one line>
//   trace-hash 9f3c0a...
//   schedule 1/2@14 0/3@20! ...       (none for a crashed or hung run: the search finds it
//                                      again from strategy, seed and run)
//   end 312 7f3a09c4d21e88b0          (the bytes before this line, and their checksum)
//
// The body is not in the file: a test replays its own body from it (AION_REPLAY=FILE), and the
// file names the test, so that it is not replayed against another's. A file cut short or
// changed is refused, as is another format version.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

#include "sim/engine/schedule.h"

namespace aion::sim {

struct CheckFile {
  std::string test;
  std::string build;     // this_build() of the binary that found it
  std::string strategy;  // the search's, in the registry's text form
  std::uint64_t seed = 0;
  std::uint64_t run = 0;
  std::string outcome;
  std::string message;
  std::uint64_t trace_hash = 0;
  Schedule schedule;

  bool operator==(const CheckFile&) const = default;
};

std::string render_check_file(const CheckFile& file);
// The file, or one line saying what is wrong with it.
std::variant<CheckFile, std::string> parse_check_file(const std::string& text);
// The file at `path`; std::invalid_argument "PATH: why" when it cannot be read or parsed.
CheckFile read_check_file(const std::string& path);

// The identity of the running test binary: "aion-sim/1 exe:<hash of its bytes>", so that a
// replay can say when the file was recorded by another build (its code may have changed, and
// the schedule then part from it).
std::string this_build();

}  // namespace aion::sim
