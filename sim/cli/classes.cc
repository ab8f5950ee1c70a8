// aionsim classes: how many classes (runs that differ only in the order of independent events
// are one) a scenario has: exact when dpor's walk ends within --runs, else at least the classes
// walked and Knuth's estimate of all of them. --shapes prints the table of the built-in mix's
// process shapes under one, two and three concurrent operations that the README shows.
#include <cstdio>
#include <string>
#include <variant>
#include <vector>

#include "sim/cli/cli_error.h"
#include "sim/cli/command.h"
#include "sim/cli/flag_values.h"
#include "sim/cli/flags.h"
#include "sim/cli/input_files.h"
#include "sim/lifecycle/class_count.h"
#include "sim/report/number_text.h"
#include "sim/scenario/scenario_text.h"

namespace aion::cli {
namespace {

const std::vector<FlagSpec>& classes_flags() {
  static const std::vector<FlagSpec> flags = {
      {"--scenario", "", "FILE", "the scenario (a script or a failure file's) to count"},
      {"--shapes", "", "", "count each process shape under 1, 2 and 3 concurrent operations"},
      {"--runs", "", "N", "runs of the dpor walk before it counts as not ending (100000)"},
      {"--bound", "", "K", "count only the classes within K preemptions (dpor:K)"},
      {"--probes", "", "N", "probes of the estimator when the walk does not end (20000)"},
      {"--markdown", "", "", "with --shapes: print the table as the README shows it"},
  };
  return flags;
}

std::string classes_help() {
  return "usage: aionsim classes (--scenario FILE | --shapes) [--runs N] [--bound K]\n"
         "                       [--probes N] [--markdown]\n"
         "\n"
         "Counts the classes of a scenario: runs that differ only in the order of independent\n"
         "events are one class (its happens-before relation). dpor walks them, one complete\n"
         "run each; when the walk ends within --runs the count is exact, otherwise it is at\n"
         "least the classes walked, and Knuth's estimator estimates them all, with its\n"
         "standard error: uniformly random schedules, each weighed by the inverse of its\n"
         "probability and of its class's size (the orders of its transitions that keep its\n"
         "happens-before). The error is large where rare classes hold much of the count.\n"
         "The scenario runs at seed 1, with its faults (each thread's decided by its own\n"
         "opportunities, so runs of one class have the same).\n"
         "\n"
         "flags:\n" +
         flags_help(classes_flags());
}

std::string count_text(const lifecycle::ClassCount& count, const lifecycle::ClassCountOptions& o) {
  const std::string within =
      o.bound ? " within " + std::to_string(*o.bound) + " preemption" + (*o.bound == 1 ? "" : "s")
              : "";
  std::string text;
  if (count.exact) {
    text = std::to_string(count.classes) + " classes" + within + ", every one walked by dpor" +
           (o.bound ? ":" + std::to_string(*o.bound) : "") + " in " + std::to_string(count.runs) +
           " runs";
  } else {
    text = "at least " + std::to_string(count.classes) + " classes" + within + ": dpor walked " +
           std::to_string(count.classes) + " in " + std::to_string(count.runs) +
           " runs without ending";
    if (count.counted_probes > 0) {
      text += "; Knuth's estimate " + report::short_count(count.estimate) + " ± " +
              report::short_count(count.standard_error) + " (" + std::to_string(count.probes) +
              " probes";
      if (count.counted_probes < count.probes) {
        text += ", of which " + std::to_string(count.counted_probes) +
                " had classes small enough to count";
      }
      text += ")";
    } else if (count.probes > 0) {
      text += "; none of " + std::to_string(count.probes) +
              " probes of Knuth's estimator had a class whose orders could be counted";
    }
  }
  if (!count.warning.empty()) text += " (but " + count.warning + ")";
  return text;
}

// The mix's shapes of one process, each under the operations the README's table counts.
struct ShapeCase {
  std::string shape;
  std::string operations;
  std::string text;
};

std::vector<ShapeCase> shape_cases() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> kOperations = {
      {"monitor p0", {"monitor p0"}},
      {"monitor p0 ‖ cancel p0", {"monitor p0", "cancel p0"}},
      {"monitor p0 ‖ spawn complete ‖ deliver p0 1",
       {"monitor p0", "spawn complete", "deliver p0 1"}},
  };
  std::vector<ShapeCase> cases;
  for (std::uint8_t s = 0; s < scenario::kShapeCount; ++s) {
    const std::string shape = scenario::shape_name(static_cast<scenario::Shape>(s));
    for (const auto& [name, branches] : kOperations) {
      std::string text = "config schedulers=1 tombstones=2\nprefix\n  spawn " + shape + "\n";
      for (const std::string& branch : branches) text += "branch\n  " + branch + "\n";
      cases.push_back({shape, name, text});
    }
  }
  return cases;
}

lifecycle::LifecycleCase case_of(const scenario::Scenario& s) {
  lifecycle::LifecycleCase c;
  c.scenario = s;
  c.seed = 1;
  return c;
}

int print_shapes(lifecycle::ClassCountOptions options, bool markdown) {
  if (markdown) {
    std::printf(
        "| shape of p0 | concurrent operations | classes (dpor) | dpor runs | "
        "estimate ± s.e. | dpor:1 classes (runs) |\n|---|---|---|---|---|---|\n");
  }
  for (const ShapeCase& shape : shape_cases()) {
    const auto parsed = scenario::parse(shape.text);
    const lifecycle::LifecycleCase c = case_of(std::get<scenario::Scenario>(parsed));
    options.bound.reset();
    const lifecycle::ClassCount all = lifecycle::count_classes(c, options);
    options.bound = 1;
    const lifecycle::ClassCount bounded = lifecycle::count_classes(c, options);
    const std::string classes = (all.exact ? "" : "≥ ") + std::to_string(all.classes);
    const std::string estimate =
        all.exact ? "-"
        : all.counted_probes == 0
            ? "no probe could be counted"
            : report::short_count(all.estimate) + " ± " + report::short_count(all.standard_error);
    const std::string one = (bounded.exact ? "" : "≥ ") + std::to_string(bounded.classes) + " (" +
                            std::to_string(bounded.runs) + ")";
    if (markdown) {
      std::printf("| %s | %s | %s | %llu | %s | %s |\n", shape.shape.c_str(),
                  shape.operations.c_str(), classes.c_str(),
                  static_cast<unsigned long long>(all.runs), estimate.c_str(), one.c_str());
    } else {
      std::printf("%-16s %-44s %s; dpor:1 %s\n", shape.shape.c_str(), shape.operations.c_str(),
                  count_text(all, {options.max_runs, std::nullopt, options.probes}).c_str(),
                  count_text(bounded, options).c_str());
    }
    std::fflush(stdout);
  }
  return kExitOk;
}

int run_classes(const std::vector<std::string>& args) {
  const CommandLine line = parse_args("aionsim classes", classes_flags(), args);
  if (line.has("--help")) {
    std::fputs(classes_help().c_str(), stdout);
    return kExitOk;
  }
  if (!line.positional.empty()) {
    throw UsageError("classes takes no arguments (got '" + line.positional.front() + "')");
  }
  if (line.has("--scenario") == line.has("--shapes")) {
    throw UsageError("classes needs one of --scenario FILE and --shapes");
  }
  if (line.has("--markdown") && !line.has("--shapes")) {
    throw UsageError("--markdown goes with --shapes");
  }
  lifecycle::ClassCountOptions options;
  if (const auto* runs = line.value("--runs"))
    options.max_runs = parse_whole("--runs", *runs, 1, 1'000'000'000);
  if (const auto* probes = line.value("--probes"))
    options.probes = parse_whole("--probes", *probes, 0, 100'000'000);
  if (const auto* bound = line.value("--bound")) {
    if (line.has("--shapes"))
      throw UsageError("--bound goes with --scenario (--shapes counts dpor and dpor:1)");
    options.bound = static_cast<std::uint32_t>(parse_whole("--bound", *bound, 0, 64));
  }
  if (line.has("--shapes")) return print_shapes(options, line.has("--markdown"));
  const std::string& path = *line.value("--scenario");
  std::printf(
      "%s: %s\n", path.c_str(),
      count_text(lifecycle::count_classes(case_of(load_scenario(path)), options), options).c_str());
  return kExitOk;
}

}  // namespace

Command classes_command() {
  return {"classes", "count a scenario's classes (orders of its dependent events)", run_classes};
}

}  // namespace aion::cli
