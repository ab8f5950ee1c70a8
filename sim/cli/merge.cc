// aionsim merge: the report of a campaign run in shards (explore --shard I/N, each part with
// its own --out), from the shards' folders: one summary, one folder of failure files, as if the
// campaign had run whole. The merged folder is itself one merge can read, so parts can be
// joined as they come in.
#include <cstdio>
#include <filesystem>
#include <map>

#include "sim/cli/campaign_merge.h"
#include "sim/cli/cli_error.h"
#include "sim/cli/command.h"
#include "sim/cli/flags.h"
#include "sim/cli/user_files.h"

namespace aion::cli {
namespace {

const std::vector<FlagSpec>& merge_flags() {
  static const std::vector<FlagSpec> flags = {
      {"--out", "", "DIR",
       "where the merged summary.json and failure files go (default aionsim-merged)"},
      {"--json", "", "", "print the summary as JSON on stdout (the text goes to stderr)"},
  };
  return flags;
}

std::string merge_help() {
  return "usage: aionsim merge DIR... [--out DIR] [--json]\n"
         "\n"
         "Joins the --out folders of the shards of one explore campaign (explore --shard I/N,\n"
         "same seed, strategy, scenarios and defects) into one report, as if the campaign had\n"
         "run whole: counts add up, distinct classes are counted over all shards' class\n"
         "hashes together, and of each broken invariant the earliest run's finding is the\n"
         "failure. Findings of the same invariant whose shrunk scenario differs are kept as\n"
         "other cases; the same shrunk scenario twice is one finding. Shards that are missing\n"
         "are named in the summary; the merged folder can be merged again with the rest.\n"
         "\n"
         "flags:\n" +
         flags_help(merge_flags()) +
         "\n"
         "exit status: 0 nothing failed, 1 something failed, 2 bad input.\n";
}

// The report's failure files to write into `out`, by path, the report's paths then the copies':
// all read, and two different files of one name refused, before anything is written.
std::map<std::string, std::string> copies_of(ExploreReport& report, const std::string& out) {
  std::map<std::string, std::string> copies;
  for (std::vector<SavedFailure>* list : {&report.failures, &report.other_cases}) {
    for (SavedFailure& saved : *list) {
      const std::string copy = out + "/" + std::filesystem::path(saved.path).filename().string();
      const std::string text = read_user_file(saved.path);
      const auto [at, fresh] = copies.emplace(copy, text);
      if (!fresh && at->second != text) {
        throw UsageError(saved.path + ": another folder has a different file of the same name");
      }
      saved.path = copy;
    }
  }
  return copies;
}

bool same_folder(const std::string& a, const std::string& b) {
  std::error_code error;
  return std::filesystem::equivalent(a, b, error);
}

int run_merge(const std::vector<std::string>& args) {
  const CommandLine line = parse_args("aionsim merge", merge_flags(), args);
  if (line.has("--help")) {
    std::fputs(merge_help().c_str(), stdout);
    return kExitOk;
  }
  if (line.positional.empty()) {
    throw UsageError("merge takes the folders to merge: the --out folders of explore's shards");
  }
  std::vector<CampaignFolder> folders;
  for (const std::string& path : line.positional) folders.push_back(read_campaign_folder(path));
  MergedCampaign merged = merge_campaigns(folders);
  const auto* out_flag = line.value("--out");
  const std::string out = resolve_user_path(out_flag ? *out_flag : "aionsim-merged");
  for (const CampaignFolder& folder : folders) {
    if (same_folder(folder.path, out)) {
      throw UsageError("--out " + out + " is one of the folders merged; name another");
    }
  }
  check_writable_directory(out);
  ExploreReport& report = merged.report;
  for (const auto& [path, text] : copies_of(report, out)) write_file(path, text);
  // The hashes before the summary that counts them, as explore writes them.
  write_file(out + "/" + kClassesFileName, merged.classes.encode());
  const std::string json = summary_json(report);
  write_file(out + "/" + kSummaryFileName, json);
  const std::string text = summary_text(report);
  if (line.has("--json")) {
    std::fputs(text.c_str(), stderr);
    std::fputs(json.c_str(), stdout);
  } else {
    std::fputs(text.c_str(), stdout);
  }
  return report.failures.empty() ? kExitOk : kExitFailed;
}

}  // namespace

Command merge_command() {
  return {"merge", "join the output folders of explore's shards into one report", run_merge};
}

}  // namespace aion::cli
