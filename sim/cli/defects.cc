// aionsim defects: the defects that can be planted in the runtime (--defects):
// the race classes R1-R8, then one violation of each rule of the contract,
// with the invariant that finds it; --markdown prints sim/oracle/CONTRACT.md's table.
#include <cstdio>
#include <string>

#include "runtime/runtime_defects.h"
#include "sim/cli/cli_error.h"
#include "sim/cli/command.h"
#include "sim/cli/flags.h"
#include "sim/zoo/contract_rules.h"

namespace aion::cli {
namespace {

const std::vector<FlagSpec>& defects_flags() {
  static const std::vector<FlagSpec> flags = {
      {"--markdown", "", "", "print the contract table as sim/oracle/CONTRACT.md shows it"},
  };
  return flags;
}

std::string defects_help() {
  return "usage: aionsim defects [--markdown]\n"
         "\n"
         "Lists the defects `explore --defects` and `zoo --defects` can switch on in the\n"
         "runtime: the race classes R1-R8, then a violation of each rule of the contract and\n"
         "the invariant that finds it, then code that crashes its process or spins without a\n"
         "scheduling point, which only runs isolated in child processes survive.\n"
         "\n"
         "flags:\n" +
         flags_help(defects_flags());
}

std::string found_as(runtime::Defect defect) {
  if (runtime::is_crash(defect)) {
    return defect == runtime::Defect::kSpinWithoutYield ? "hung (isolated runs)"
                                                        : "crashed (isolated runs)";
  }
  for (const zoo::ContractRule& rule : zoo::contract_rules()) {
    if (rule.planted != defect) continue;
    if (rule.invariant) return std::string(oracle::invariant_name(*rule.invariant));
    if (rule.mark) return "mark " + std::string(oracle::mark_name(*rule.mark)) + " never reached";
  }
  return "";
}

int run_defects(const std::vector<std::string>& args) {
  const CommandLine line = parse_args("aionsim defects", defects_flags(), args);
  if (line.has("--help")) {
    std::fputs(defects_help().c_str(), stdout);
    return kExitOk;
  }
  if (!line.positional.empty()) {
    throw UsageError("defects takes no arguments (got '" + line.positional.front() + "')");
  }
  if (line.has("--markdown")) {
    std::fputs(zoo::contract_markdown().c_str(), stdout);
    return kExitOk;
  }
  std::printf("%-32s %-30s %s\n", "defect", "found as", "what it does");
  for (int i = 0; i < runtime::kDefectCount; ++i) {
    const auto defect = static_cast<runtime::Defect>(i);
    std::printf("%-32s %-30s %s\n", std::string(runtime::defect_name(defect)).c_str(),
                found_as(defect).c_str(), std::string(runtime::defect_summary(defect)).c_str());
  }
  return kExitOk;
}

}  // namespace

Command defects_command() {
  return {"defects", "list the defects --defects can plant, and what finds each", run_defects};
}

}  // namespace aion::cli
