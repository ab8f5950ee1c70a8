// aionsim shrink: minimises a failure file's case (scenario and choice list)
// with lifecycle::shrink_case, outside of RapidCheck, and writes the smaller
// failure file next to it.
#include <cstdio>

#include "sim/cli/cli_error.h"
#include "sim/cli/command.h"
#include "sim/cli/finding.h"
#include "sim/cli/flag_values.h"
#include "sim/cli/flags.h"
#include "sim/cli/input_files.h"
#include "sim/cli/user_files.h"
#include "sim/lifecycle/case_shrinker.h"
#include "sim/lifecycle/failure_file.h"

namespace aion::cli {
namespace {

constexpr std::uint64_t kDefaultShrinkRuns = 2000;

const std::vector<FlagSpec>& shrink_flags() {
  static const std::vector<FlagSpec> flags = {
      {"--output", "-o", "OUT", "where to write (default: FILE with .shrunk.aionfail)"},
      {"--max-runs", "", "N", "candidate runs to spend at most (default 2000)"},
  };
  return flags;
}

std::string shrink_help() {
  return "usage: aionsim shrink FILE [-o OUT] [--max-runs N]\n"
         "\n"
         "Runs the failure file's case, then shrinks it to a smaller case that breaks the same\n"
         "invariant: fewer branches and operations, a plainer configuration, a shorter choice\n"
         "list with smaller values (fewer preemptions). Every candidate is a full\n"
         "deterministic run, so the result replays as it is. Prints the sizes before and after.\n"
         "\n"
         "flags:\n" +
         flags_help(shrink_flags()) +
         "\n"
         "exit status: 0 written, 1 the case does not fail (nothing to shrink), 2 bad input.\n";
}

std::string default_output(const std::string& path) {
  const std::string extension = ".aionfail";
  const bool has_extension =
      path.size() > extension.size() &&
      path.compare(path.size() - extension.size(), extension.size(), extension) == 0;
  return (has_extension ? path.substr(0, path.size() - extension.size()) : path) +
         ".shrunk.aionfail";
}

std::string sizes(const lifecycle::LifecycleCase& c, const lifecycle::CaseResult& result) {
  return std::to_string(c.scenario.operation_count()) + " operations, " +
         std::to_string(c.choices.size()) + " choices, " +
         std::to_string(lifecycle::preemptions_of(result)) + " preemptions";
}

int run_shrink(const std::vector<std::string>& args) {
  const CommandLine line = parse_args("aionsim shrink", shrink_flags(), args);
  if (line.has("--help")) {
    std::fputs(shrink_help().c_str(), stdout);
    return kExitOk;
  }
  if (line.positional.size() != 1) {
    throw UsageError(line.positional.empty() ? "shrink needs a failure file (aionsim shrink FILE)"
                                             : "shrink takes one failure file, not " +
                                                   std::to_string(line.positional.size()));
  }
  const std::string& path = line.positional.front();
  const auto* max_runs = line.value("--max-runs");
  const std::uint64_t budget =
      max_runs ? parse_whole("--max-runs", *max_runs, 1, 1'000'000) : kDefaultShrinkRuns;
  const lifecycle::FailureFile file = load_failure_file(path);
  const auto* out = line.value("--output");
  const std::string out_path = resolve_user_path(out ? *out : default_output(path));

  lifecycle::CaseRunner runner;
  lifecycle::CaseOptions options;
  options.runtime.defects = file.defects;
  const lifecycle::CaseResult before = runner.run(file.lifecycle_case, options);
  if (!before.failed()) {
    const std::string expected =
        file.expect_invariant.empty() ? "a pass" : "a failure of " + file.expect_invariant;
    std::fprintf(stderr,
                 "aionsim: %s: the case passes now, so there is nothing to shrink (the file "
                 "expects %s)\n",
                 path.c_str(), expected.c_str());
    return kExitFailed;
  }
  // The file's invariant while the case breaks it, else the failure it shows now.
  const std::string invariant =
      !file.expect_invariant.empty() && before.breaks(file.expect_invariant) ? file.expect_invariant
                                                                             : before.invariant();
  std::printf("shrinking %s: %s: %s\n", path.c_str(), invariant.c_str(),
              before.headline_of(invariant).c_str());
  if (invariant != file.expect_invariant && !file.expect_invariant.empty()) {
    std::printf("  note: the file expects a failure of %s; shrinking the failure it shows now\n",
                file.expect_invariant.c_str());
  }
  const lifecycle::ShrinkResult shrunk = lifecycle::shrink_case(
      runner, file.lifecycle_case, options, static_cast<std::size_t>(budget), invariant);
  Finding finding = finding_of(shrunk.smallest, shrunk.result, invariant);
  finding.defects = file.defects;
  write_file(out_path, lifecycle::render_failure(failure_file_of(finding)));
  std::printf("  before: %s\n", sizes(file.lifecycle_case, before).c_str());
  std::printf("  after:  %s (%zu candidate runs)\n", sizes(shrunk.smallest, shrunk.result).c_str(),
              shrunk.runs);
  std::printf("  wrote:  %s\n", out_path.c_str());
  return kExitOk;
}

}  // namespace

Command shrink_command() {
  return {"shrink", "minimise a failure file's scenario and choice list", run_shrink};
}

}  // namespace aion::cli
