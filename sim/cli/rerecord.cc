// aionsim rerecord: failure files recorded against an earlier runtime build, recorded again
// against this one. Each file's case runs as its strategy, seed and choices say (its old
// schedule no longer means the same run); when the run still shows what the file expects (the
// same invariant broken, or a pass), the file is written again in place with this build's
// identity, schedule and trace hash. A file whose case no longer shows it is left as it was
// and named, and then no file is written: a behaviour change to look at, not to record over.
#include <cstdio>
#include <filesystem>

#include "sim/cli/cli_error.h"
#include "sim/cli/command.h"
#include "sim/cli/finding.h"
#include "sim/cli/flags.h"
#include "sim/cli/input_files.h"
#include "sim/cli/user_files.h"
#include "sim/lifecycle/case_runner.h"

namespace aion::cli {
namespace {

const std::vector<FlagSpec>& rerecord_flags() {
  static const std::vector<FlagSpec> flags = {};
  return flags;
}

std::string rerecord_help() {
  return "usage: aionsim rerecord FILE...\n"
         "\n"
         "Records failure files again against this runtime build: after a change that moves\n"
         "recorded runs (a new build identity), each file's case runs again from its strategy,\n"
         "seed and choices, and when it still shows what the file expects, the file is\n"
         "rewritten in place with the new build, schedule and trace hash. When a file's case no\n"
         "longer shows it, the file is named and no file is written.\n"
         "\n"
         "exit status: 0 every file recorded again, 1 some no longer show what they expect\n"
         "(nothing written), 2 bad input (nothing written).\n";
}

int run_rerecord(const std::vector<std::string>& args) {
  const CommandLine line = parse_args("aionsim rerecord", rerecord_flags(), args);
  if (line.has("--help")) {
    std::fputs(rerecord_help().c_str(), stdout);
    return kExitOk;
  }
  if (line.positional.empty()) throw UsageError("rerecord takes the failure files to record");
  // Every file read before any is written.
  std::vector<lifecycle::FailureFile> files;
  for (const std::string& path : line.positional) {
    files.push_back(load_failure_file_of_any_build(path));
  }
  // Every case run before any file is written, so that a case that fails to show what its
  // file expects, or a folder that cannot be written, leaves every file as it was. Cases that
  // expect their process to die run in a child process.
  lifecycle::CaseRunner runner;
  std::vector<lifecycle::FailureFile> recorded;
  int status = kExitOk;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const lifecycle::FailureFile& old = files[i];
    const std::string& path = line.positional[i];
    lifecycle::CaseOptions options;
    options.runtime.defects = old.defects;
    options.isolate = is_death(finding_of_file(old));
    const lifecycle::CaseResult result = runner.run(old.lifecycle_case, options);
    const bool as_expected =
        old.expect_invariant.empty() ? !result.failed() : result.breaks(old.expect_invariant);
    if (!as_expected) {
      std::printf("%s: not recorded: it expects %s, its case now shows %s\n", path.c_str(),
                  old.expect_invariant.empty() ? "a pass"
                                               : ("a failure of " + old.expect_invariant).c_str(),
                  result.failed() ? ("a failure of " + result.invariant()).c_str() : "a pass");
      status = kExitFailed;
      continue;
    }
    lifecycle::FailureFile again = old;
    again.build = lifecycle::kBuildIdentity;
    again.schedule = result.run.schedule;
    again.trace_hash = result.run.trace_hash;
    again.violation = old.expect_invariant.empty() ? "" : result.headline_of(old.expect_invariant);
    recorded.push_back(std::move(again));
  }
  if (status != kExitOk) {
    std::printf("nothing written: look at the files above first\n");
    return status;
  }
  for (const std::string& path : line.positional) {
    const std::string folder =
        std::filesystem::path(resolve_user_path(path)).parent_path().string();
    check_writable_directory(folder.empty() ? "." : folder);
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string& path = line.positional[i];
    write_file(resolve_user_path(path), lifecycle::render_failure(recorded[i]));
    std::printf("%s: recorded (%s -> %s, %zu choices)\n", path.c_str(), files[i].build.c_str(),
                recorded[i].build.c_str(), recorded[i].schedule.size());
  }
  return status;
}

}  // namespace

Command rerecord_command() {
  return {"rerecord", "record failure files again against this runtime build", run_rerecord};
}

}  // namespace aion::cli
