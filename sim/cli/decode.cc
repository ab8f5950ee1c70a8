// aionsim decode: a fuzzer's input (the bytes libFuzzer saved as crash-<sha1>, or any corpus
// input of //fuzz:lifecycle_fuzzer) as a failure file: the bytes decode into a lifecycle case
// (lifecycle/case_decoder.h), which runs once; the file expects what it showed (the broken
// invariant, or a pass), so that replay, shrink and the HTML page take it as any other.
#include <cstdio>

#include "sim/cli/cli_error.h"
#include "sim/cli/command.h"
#include "sim/cli/explore_report.h"
#include "sim/cli/finding.h"
#include "sim/cli/flag_values.h"
#include "sim/cli/flags.h"
#include "sim/cli/user_files.h"
#include "sim/lifecycle/case_decoder.h"
#include "sim/lifecycle/case_runner.h"

namespace aion::cli {
namespace {

const std::vector<FlagSpec>& decode_flags() {
  static const std::vector<FlagSpec> flags = {
      {"--out", "", "FILE", "where the failure file goes (default: INPUT.aionfail)"},
      {"--defects", "", "LIST", "the defects the fuzzer ran with (AION_FUZZ_DEFECTS)"},
  };
  return flags;
}

std::string decode_help() {
  return "usage: aionsim decode INPUT [--out FILE] [--defects LIST]\n"
         "\n"
         "Turns a fuzzer's input into a failure file: the bytes decode into a lifecycle\n"
         "case as //fuzz:lifecycle_fuzzer decodes them, the case runs once in the\n"
         "simulator, and the file expects what the run showed (the invariant it broke, or a\n"
         "pass). Exit status 1 when the case fails, 0 when it passes, 2 on bad input.\n"
         "\n"
         "flags:\n" +
         flags_help(decode_flags());
}

int run_decode(const std::vector<std::string>& args) {
  const CommandLine line = parse_args("aionsim decode", decode_flags(), args);
  if (line.has("--help")) {
    std::fputs(decode_help().c_str(), stdout);
    return kExitOk;
  }
  if (line.positional.size() != 1) throw UsageError("decode takes one INPUT file");
  const std::string input = line.positional.front();
  const std::string bytes = read_user_file(input);
  const auto* out = line.value("--out");
  const std::string path = resolve_user_path(out ? *out : input + ".aionfail");
  runtime::RuntimeDefects defects;
  if (const auto* list = line.value("--defects")) defects = parse_defects("--defects", *list);
  write_file(path, "");  // proves it writable before any work

  const lifecycle::LifecycleCase c = lifecycle::decode_case(std::span<const std::uint8_t>(
      reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
  lifecycle::CaseOptions options;
  options.runtime.defects = defects;
  lifecycle::CaseRunner runner;
  const lifecycle::CaseResult result = runner.run(c, options);
  lifecycle::FailureFile file;
  if (result.failed()) {
    Finding finding = finding_of(c, result);
    finding.defects = defects;
    file = failure_file_of(finding);
  } else {
    file.lifecycle_case = c;
    file.schedule = result.run.schedule;
    file.trace_hash = result.run.trace_hash;
    file.defects = defects;
  }
  write_file(path, lifecycle::render_failure(file));
  std::printf("%s: %s\n  replay: %s\n", path.c_str(),
              result.failed() ? (result.invariant() + ": " + result.headline()).c_str() : "passes",
              replay_invocation(path).c_str());
  return result.failed() ? kExitFailed : kExitOk;
}

}  // namespace

Command decode_command() {
  return {"decode", "turn a fuzzer's input into a failure file", run_decode};
}

}  // namespace aion::cli
