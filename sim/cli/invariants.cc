// aionsim invariants: every rule a run is judged by (sim/oracle/invariants.h),
// by family, with what it means; --markdown prints the README's list.
#include "sim/oracle/invariants.h"

#include <cstdio>
#include <string>

#include "sim/cli/cli_error.h"
#include "sim/cli/command.h"
#include "sim/cli/flags.h"

namespace aion::cli {
namespace {

const std::vector<FlagSpec>& invariants_flags() {
  static const std::vector<FlagSpec> flags = {
      {"--markdown", "", "", "print the list as the README shows it"},
  };
  return flags;
}

std::string invariants_help() {
  return "usage: aionsim invariants [--markdown]\n"
         "\n"
         "Lists the invariants every simulated run is judged by: the names findings, failure\n"
         "files (`expect failure NAME`) and summaries use, by family, with what each means.\n"
         "sim/oracle/CONTRACT.md maps the contract's rules to them.\n"
         "\n"
         "flags:\n" +
         flags_help(invariants_flags());
}

int run_invariants(const std::vector<std::string>& args) {
  const CommandLine line = parse_args("aionsim invariants", invariants_flags(), args);
  if (line.has("--help")) {
    std::fputs(invariants_help().c_str(), stdout);
    return kExitOk;
  }
  if (!line.positional.empty()) {
    throw UsageError("invariants takes no arguments (got '" + line.positional.front() + "')");
  }
  if (line.has("--markdown")) {
    std::fputs(oracle::markdown_list().c_str(), stdout);
    return kExitOk;
  }
  for (std::size_t f = 0; f <= static_cast<std::size_t>(oracle::Family::kRun); ++f) {
    const auto family = static_cast<oracle::Family>(f);
    std::printf("%s\n", std::string(oracle::family_name(family)).c_str());
    for (const oracle::InvariantInfo& row : oracle::all_invariants()) {
      if (row.family != family) continue;
      std::printf("  %-32s %s\n", std::string(row.name).c_str(), std::string(row.meaning).c_str());
    }
  }
  return kExitOk;
}

}  // namespace

Command invariants_command() {
  return {"invariants", "list the invariants every run is judged by", run_invariants};
}

}  // namespace aion::cli
