// aionsim strategies: every strategy of the registry, with its text form and parameters;
// --markdown prints the README's table.
#include <cstdio>
#include <string>

#include "sim/cli/cli_error.h"
#include "sim/cli/command.h"
#include "sim/cli/flags.h"
#include "sim/cli/strategy_list.h"

namespace aion::cli {
namespace {

const std::vector<FlagSpec>& strategies_flags() {
  static const std::vector<FlagSpec> flags = {
      {"--markdown", "", "", "print the table as the README shows it"},
  };
  return flags;
}

int run_strategies(const std::vector<std::string>& args) {
  const CommandLine line = parse_args("aionsim strategies", strategies_flags(), args);
  if (line.has("--help")) {
    std::fputs(("usage: aionsim strategies [--markdown]\n"
                "\n"
                "Lists the strategies explore, replay and the zoo take (--strategy), with their\n"
                "text forms: a name, then parameters after colons (pct:3, pct:3:212).\n"
                "\n"
                "flags:\n" +
                flags_help(strategies_flags()))
                   .c_str(),
               stdout);
    return kExitOk;
  }
  if (!line.positional.empty()) {
    throw UsageError("strategies takes no arguments (got '" + line.positional.front() + "')");
  }
  std::fputs((line.has("--markdown") ? strategies_markdown() : strategies_help()).c_str(), stdout);
  return kExitOk;
}

}  // namespace

Command strategies_command() {
  return {"strategies", "list the scheduling strategies and their text forms", run_strategies};
}

}  // namespace aion::cli
