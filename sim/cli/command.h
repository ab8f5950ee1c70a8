// A subcommand of aionsim. Each lives in a file of its own and is listed in
// main.cc, so adding one (a zoo of known bugs, say) is one more file and one
// more line there. A command returns its exit status (cli_error.h) and throws
// UsageError on bad input; `--help` prints its help and returns 0.
#pragma once

#include <string>
#include <vector>

namespace aion::cli {

struct Command {
  const char* name;
  const char* summary;  // one line, for `aionsim --help`
  int (*run)(const std::vector<std::string>& args);
};

Command explore_command();
Command replay_command();
Command shrink_command();
Command zoo_command();
Command invariants_command();
Command defects_command();
Command merge_command();
Command rerecord_command();
Command strategies_command();
Command classes_command();
Command fuzz_command();
Command decode_command();

}  // namespace aion::cli
