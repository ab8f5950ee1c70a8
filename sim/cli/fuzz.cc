// aionsim fuzz: a guided fuzzing campaign over lifecycle cases (fuzz_campaign.h) whose corpus
// lives in --corpus and grows across campaigns; findings are saved (and shrunk) as explore
// saves them, the moment they are found; --plot draws it against a blind campaign of the same
// budget.
#include <unistd.h>

#include <cstdio>

#include "sim/cli/campaign_flags.h"
#include "sim/cli/cli_error.h"
#include "sim/cli/command.h"
#include "sim/cli/finding_saver.h"
#include "sim/cli/flag_values.h"
#include "sim/cli/flags.h"
#include "sim/cli/fuzz_campaign.h"
#include "sim/cli/fuzz_corpus.h"
#include "sim/cli/fuzz_plot.h"
#include "sim/cli/fuzz_report.h"
#include "sim/cli/interrupt.h"
#include "sim/cli/progress.h"
#include "sim/cli/user_files.h"

namespace aion::cli {
namespace {

constexpr const char* kFuzzSummaryName = "fuzz-summary.json";

const std::vector<FlagSpec>& fuzz_flags() {
  static const std::vector<FlagSpec> flags = {
      {"--corpus", "", "DIR", "the corpus: read at the start, each new case written to it"},
      {"--runs", "", "N", "stop after N runs (with one job, the same campaign every time)"},
      {"--seconds", "", "S", "stop after S seconds (default 60 when --runs is not given)"},
      {"--jobs", "-j", "J", "worker threads sharing the corpus, 1-256 (default: one per CPU)"},
      {"--seed", "", "N", "campaign seed, 0 to 2^64-1 (default: a fresh one, printed)"},
      {"--shard", "", "I/N", "part I of N machines: its own streams, for one shared corpus"},
      {"--defects", "", "LIST", "switch planted defects on in the runtime, e.g. R3,R7"},
      {"--out", "", "DIR",
       "where failure files and fuzz-summary.json go (default aionsim-failures)"},
      {"--no-shrink", "", "", "save failures as found, without shrinking them"},
      {"--max-steps", "", "N", "scheduling points a run may take (default 200000)"},
      {"--blind", "", "", "no feedback: fresh cases only, nothing kept (for comparison)"},
      {"--plot", "", "FILE",
       "then run a blind campaign of the same budget and draw both as an SVG picture"},
      {"--json", "", "", "print the summary as JSON on stdout (the text goes to stderr)"},
      {"--watchdog", "", "S",
       "seconds of wall-clock time a run may take before the campaign ends with it saved as "
       "hung (default 10)"},
  };
  return flags;
}

std::string fuzz_help() {
  return "usage: aionsim fuzz --corpus DIR [flags]\n"
         "\n"
         "Guided fuzzing of lifecycle orderings. Each run yields features (coverage marks,\n"
         "which operation came before or overlapped which, where each process's events fell\n"
         "around the operations on it, each process's history step by step, the record's\n"
         "entries three at a time, the invariants broken); a case that yields a new one joins the "
         "corpus, one file in DIR (a failure\n"
         "file that expects a pass: aionsim replay takes it). A campaign from an empty DIR\n"
         "first runs 256 fresh cases of the builtin mix (its seeds); then half the runs\n"
         "mutate a corpus case (operations inserted, deleted, swapped or duplicated,\n"
         "branches added or dropped, configuration, fault rates and seed changed, schedule\n"
         "choices drawn again near where it found something, choices or branches spliced\n"
         "from another), half of them one of the 64 cases that found something last (their\n"
         "energy), and the rest are fresh. A campaign on a DIR that holds cases\n"
         "runs them first and goes on from there; DIRs merge by copying files.\n"
         "Every run is judged by every invariant; each distinct failure is saved in --out\n"
         "as soon as found, then shrunk. SIGINT, SIGTERM and SIGHUP end the campaign with\n"
         "all it found saved.\n"
         "\n"
         "flags:\n" +
         flags_help(fuzz_flags()) +
         "\n"
         "exit status: 0 nothing failed, 1 something failed, 2 bad input.\n";
}

int run_fuzz_command(const std::vector<std::string>& args) {
  const CommandLine line = parse_args("aionsim fuzz", fuzz_flags(), args);
  if (line.has("--help")) {
    std::fputs(fuzz_help().c_str(), stdout);
    return kExitOk;
  }
  if (!line.positional.empty()) {
    throw UsageError("fuzz takes flags only, not '" + line.positional.front() + "'");
  }
  const bool blind = line.has("--blind");
  if (!blind && !line.has("--corpus")) throw UsageError("fuzz needs --corpus DIR");
  if (blind && line.has("--plot")) throw UsageError("--plot runs a blind campaign itself");
  FuzzOptions options;
  options.guided = !blind;
  read_campaign_flags(line, options.budget, options.jobs, options.plan);
  options.watchdog = read_watchdog(line);
  std::string plot_path;
  if (const auto* plot = line.value("--plot")) {
    plot_path = resolve_user_path(*plot);
    write_file(plot_path, "");  // proves it writable before any work
  }
  const auto* out = line.value("--out");
  const std::string out_dir = resolve_user_path(out ? *out : "aionsim-failures");
  check_writable_directory(out_dir);
  std::optional<FuzzCorpus> corpus;
  if (const auto* dir = line.value("--corpus")) {
    corpus.emplace(resolve_user_path(*dir));
    options.starting_corpus = corpus->load();  // a bad file is bad input: said before any work
    options.corpus = &*corpus;
  }

  options.crash_dir = out_dir;
  FuzzReport report;
  report.corpus_dir = corpus ? corpus->directory() : "";
  report.seed = options.plan.seed;
  report.jobs = options.jobs;
  report.guided = options.guided;
  SaveOptions save;
  save.out_dir = out_dir;
  save.shrink = !line.has("--no-shrink");
  save.isolate = false;
  FindingSaver saver(save, options.plan);
  auto keep_summary = [&](const FuzzStats& stats, bool running) {
    report.stats = stats;
    report.running = running;
    report.failures = saver.saved();
    const std::string json = fuzz_summary_json(report);
    write_file(out_dir + "/" + kFuzzSummaryName, json);
    return json;
  };
  catch_interrupt();
  ProgressReporter progress(stderr, isatty(STDERR_FILENO) != 0, "fuzz");
  options.stop_requested = interrupt_requested;
  options.on_progress = [&](const FuzzStats& stats) {
    progress.show(fuzz_progress_line(stats), stats.seconds);
  };
  options.on_finding = [&](const Finding& finding, const FuzzStats& stats) {
    saver.save(finding, [&] { keep_summary(stats, true); });
  };
  keep_summary(FuzzStats{}, true);
  const FuzzStats guided = run_fuzz(options);
  progress.finish();
  report.interrupted_by = interrupt_signal_name();
  const std::string json = keep_summary(guided, false);
  if (line.has("--json")) {
    std::fputs(fuzz_summary_text(report).c_str(), stderr);
    std::fputs(json.c_str(), stdout);
  } else {
    std::fputs(fuzz_summary_text(report).c_str(), stdout);
  }
  if (!plot_path.empty() && !interrupt_requested()) {
    FuzzOptions blind_options = options;
    blind_options.guided = false;
    blind_options.corpus = nullptr;
    blind_options.starting_corpus.clear();
    blind_options.on_finding = {};
    const FuzzStats blind_stats = run_fuzz(blind_options);
    progress.finish();
    const bool by_runs = options.budget.runs.has_value();
    write_file(plot_path, fuzz_plot_svg(guided, blind_stats, by_runs,
                                        "aionsim fuzz, seed " + std::to_string(options.plan.seed) +
                                            ": guided against blind"));
    std::printf("plot:     %s (blind: %llu features in %llu runs)\n", plot_path.c_str(),
                static_cast<unsigned long long>(blind_stats.features),
                static_cast<unsigned long long>(blind_stats.runs));
  }
  return report.failures.empty() ? kExitOk : kExitFailed;
}

}  // namespace

Command fuzz_command() {
  return {"fuzz", "guided fuzzing: keep and mutate the cases that reach something new",
          run_fuzz_command};
}

}  // namespace aion::cli
