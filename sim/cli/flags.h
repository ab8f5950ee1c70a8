// Command-line flags of one subcommand. A command declares its flags with
// their help; parse_args checks the arguments against them, so every mistake
// (an unknown flag, a missing value, a flag given twice) is a UsageError that
// names the flag and the command. `--help` and `-h` are always accepted.
// Values are checked by the command (see flag_values.h): parsing only sorts
// arguments, so `--seed -5` reaches the seed check and is refused there with
// the reason, not as an unknown flag.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace aion::cli {

struct FlagSpec {
  std::string name;        // "--runs"
  std::string short_name;  // "-o", or empty
  std::string value_name;  // "N"; empty for a switch
  std::string help;
};

struct CommandLine {
  std::vector<std::string> positional;
  std::map<std::string, std::string> values;  // by long name; a switch maps to ""

  bool has(const std::string& name) const { return values.count(name) != 0; }
  // The flag's value, or nullptr when it was not given.
  const std::string* value(const std::string& name) const;
};

// `command` is the full name for messages, e.g. "aionsim explore".
CommandLine parse_args(const std::string& command, const std::vector<FlagSpec>& flags,
                       const std::vector<std::string>& args);

// One line per flag, aligned, for --help.
std::string flags_help(const std::vector<FlagSpec>& flags);

}  // namespace aion::cli
