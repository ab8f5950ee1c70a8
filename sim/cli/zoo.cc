// aionsim zoo: how fast each strategy finds each re-created race class. For
// every defect (R1-R8) and every strategy's zoo forms in the registry (random,
// pct:1-3, exhaustive:1-2, ...), hunts over several seeds and prints runs to the
// first failure (median and worst), wall time, and the size of the shrunk
// failure; then, per defect, whether some strategy met the target (a median of
// at most 100 runs and under a second).
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "runtime/runtime_defects.h"
#include "sim/cli/cli_error.h"
#include "sim/cli/command.h"
#include "sim/cli/flag_values.h"
#include "sim/cli/flags.h"
#include "sim/lifecycle/program_runs.h"
#include "sim/zoo/defect_hunt.h"

namespace aion::cli {
namespace {

constexpr std::size_t kTargetRuns = 100;
constexpr double kTargetSeconds = 1.0;

const std::vector<FlagSpec>& zoo_flags() {
  static const std::vector<FlagSpec> flags = {
      {"--seeds", "", "N", "hunts per cell, each from its own seed (default 20)"},
      {"--max-runs", "", "N", "runs a hunt may spend before it counts as a miss (default 2000)"},
      {"--defects", "", "LIST", "which defects, e.g. R1,R3 (default the race classes R1-R8)"},
      {"--seed", "", "N", "the first hunt's seed (default 1)"},
      {"--strategies", "", "LIST",
       "which strategies, e.g. random,pct:2 (default the zoo forms of every strategy)"},
      {"--json", "", "", "print the table as JSON on stdout"},
      {"--markdown", "", "", "print the summary table as the README shows it"},
  };
  return flags;
}

std::string zoo_help() {
  std::string forms;
  for (const sim::StrategySpec& strategy : zoo::zoo_strategies()) {
    forms += (forms.empty() ? "" : ", ") + strategy.text();
  }
  return "usage: aionsim zoo [--seeds N] [--max-runs N] [--defects R1,R2] [--seed N]\n"
         "                  [--strategies LIST] [--json | --markdown]\n"
         "\n"
         "Switches on each re-created race class of the runtime in turn (R1-R8, see\n"
         "runtime/runtime_defects.h) and hunts it with each strategy (" +
         forms +
         "). A hunt runs cases drawn from the builtin scenario mix until the oracle or the\n"
         "simulator reports a failure; pct:D first learns its K from the first " +
         std::to_string(lifecycle::kCalibrationRuns) +
         " draws.\n"
         "Prints runs to first failure (median and worst over the seeds), wall time, and the\n"
         "shrunk size of the first failure (operations, preemptions).\n"
         "\n"
         "flags:\n" +
         flags_help(zoo_flags()) +
         "\n"
         "exit status: 0 every defect found by some strategy, 1 one was not, 2 bad input.\n";
}

std::vector<runtime::Defect> chosen_defects(const std::string* text) {
  const runtime::RuntimeDefects defects =
      text ? parse_defects("--defects", *text) : runtime::RuntimeDefects{};
  std::vector<runtime::Defect> chosen;
  for (int i = 0; i < runtime::kDefectCount; ++i) {
    const auto defect = static_cast<runtime::Defect>(i);
    if (text == nullptr ? runtime::is_race_class(defect) : defects.has(defect)) {
      chosen.push_back(defect);
    }
  }
  return chosen;
}

std::vector<sim::StrategySpec> chosen_strategies(const std::string* text) {
  if (text == nullptr) return zoo::zoo_strategies();
  std::vector<sim::StrategySpec> chosen;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = text->find(',', start);
    chosen.push_back(parse_strategy_flag("--strategies", text->substr(start, comma - start)));
    if (comma == std::string::npos) return chosen;
    start = comma + 1;
  }
}

bool meets_target(const zoo::ZooCell& cell) {
  return cell.found * 2 > cell.seeds && cell.median_runs <= kTargetRuns &&
         cell.median_seconds < kTargetSeconds;
}

void print_table(const std::vector<zoo::ZooCell>& cells) {
  std::printf("%-6s %-16s %7s %8s %8s %10s %10s  %s\n", "defect", "strategy", "found", "median",
              "worst", "median ms", "shrunk", "found as");
  for (const auto& cell : cells) {
    const std::string found = std::to_string(cell.found) + "/" + std::to_string(cell.seeds);
    const std::string shrunk = cell.found ? std::to_string(cell.shrunk_operations) + "op " +
                                                std::to_string(cell.shrunk_preemptions) + "pre"
                                          : "-";
    std::printf("%-6s %-16s %7s %8zu %8zu %10.1f %10s  %s\n",
                std::string(runtime::defect_name(cell.defect)).c_str(),
                cell.strategy.text().c_str(), found.c_str(), cell.median_runs, cell.worst_runs,
                cell.median_seconds * 1000, shrunk.c_str(), cell.invariant.c_str());
  }
}

void print_json(const std::vector<zoo::ZooCell>& cells) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const auto& cell : cells) {
    rows.push_back({{"defect", runtime::defect_name(cell.defect)},
                    {"strategy", cell.strategy.text()},
                    {"strategy_used", cell.strategy_used},
                    {"seeds", cell.seeds},
                    {"found", cell.found},
                    {"median_runs", cell.median_runs},
                    {"worst_runs", cell.worst_runs},
                    {"median_seconds", std::round(cell.median_seconds * 1e4) / 1e4},
                    {"invariant", cell.invariant},
                    {"shrunk_operations", cell.shrunk_operations},
                    {"shrunk_preemptions", cell.shrunk_preemptions},
                    {"meets_target", meets_target(cell)}});
  }
  const nlohmann::ordered_json json = {{"cells", rows}};
  std::fputs(
      (json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n").c_str(),
      stdout);
}

// The fastest strategy that met the target on the defect whose cells these are, if one did.
const zoo::ZooCell* best_of(std::span<const zoo::ZooCell> row) {
  const zoo::ZooCell* best = nullptr;
  for (const zoo::ZooCell& cell : row) {
    if (meets_target(cell) && (best == nullptr || cell.median_runs < best->median_runs)) {
      best = &cell;
    }
  }
  return best;
}

// One line per defect: median / worst runs of each strategy, the fastest to meet the target,
// and the first finding's invariant and shrunk size.
void print_markdown(std::span<const zoo::ZooCell> cells, std::size_t strategies) {
  std::string header = "| defect |";
  std::string rule = "| --- |";
  for (std::size_t i = 0; i < strategies; ++i) {
    header += " " + cells[i].strategy.text() + " |";
    rule += " --- |";
  }
  std::printf("%s target met by | found as, shrunk to |\n%s --- | --- |\n", header.c_str(),
              rule.c_str());
  for (std::size_t start = 0; start < cells.size(); start += strategies) {
    const std::span<const zoo::ZooCell> row = cells.subspan(start, strategies);
    std::string line = "| " + std::string(runtime::defect_name(row[0].defect)) + " " +
                       std::string(runtime::defect_summary(row[0].defect)) + " |";
    const zoo::ZooCell* first_found = nullptr;
    for (const zoo::ZooCell& cell : row) {
      // A median past the misses is a miss, as is the worst of a cell that missed once.
      line += cell.found * 2 <= cell.seeds
                  ? " miss |"
                  : " " + std::to_string(cell.median_runs) + " / " +
                        (cell.found == cell.seeds ? std::to_string(cell.worst_runs)
                                                  : std::string("miss")) +
                        " |";
      if (first_found == nullptr && cell.found != 0) first_found = &cell;
    }
    const zoo::ZooCell* best = best_of(row);
    char best_text[64] = "-";
    if (best != nullptr) {
      std::snprintf(best_text, sizeof best_text, "%s, %.1f ms", best->strategy.text().c_str(),
                    best->median_seconds * 1000);
    }
    line += " " + std::string(best_text) + " | " +
            (first_found ? first_found->invariant + ", " +
                               std::to_string(first_found->shrunk_operations) + " ops"
                         : std::string("NOT FOUND")) +
            " |";
    std::printf("%s\n", line.c_str());
  }
}

int run_zoo(const std::vector<std::string>& args) {
  const CommandLine line = parse_args("aionsim zoo", zoo_flags(), args);
  if (line.has("--help")) {
    std::fputs(zoo_help().c_str(), stdout);
    return kExitOk;
  }
  if (!line.positional.empty()) {
    throw UsageError("zoo takes no arguments, only flags (got '" + line.positional.front() + "')");
  }
  zoo::ZooOptions options;
  if (const auto* seeds = line.value("--seeds"))
    options.seeds = parse_whole("--seeds", *seeds, 1, 1000);
  if (const auto* runs = line.value("--max-runs")) {
    options.max_runs = parse_whole("--max-runs", *runs, 1, 10'000'000);
  }
  if (const auto* seed = line.value("--seed")) {
    options.base_seed = parse_whole("--seed", *seed, 0, UINT64_MAX - 1000);
  }
  const std::vector<runtime::Defect> defects = chosen_defects(line.value("--defects"));
  const std::vector<sim::StrategySpec> strategies = chosen_strategies(line.value("--strategies"));
  const bool json = line.has("--json");
  const bool markdown = line.has("--markdown");
  if (json && markdown) throw UsageError("zoo prints --json or --markdown, not both");
  const bool table = !json && !markdown;

  lifecycle::CaseRunner runner;
  std::vector<zoo::ZooCell> cells;
  bool all_found = true;
  for (const runtime::Defect defect : defects) {
    bool found = false;
    for (const sim::StrategySpec& strategy : strategies) {
      cells.push_back(zoo::run_zoo_cell(runner, defect, strategy, options));
      if (!json)
        std::fprintf(stderr, "\r%s %-16s done", std::string(runtime::defect_name(defect)).c_str(),
                     strategy.text().c_str());
      found = found || cells.back().found > 0;
    }
    const std::span<const zoo::ZooCell> row(cells.end() - strategies.size(), cells.end());
    const zoo::ZooCell* best = best_of(row);
    all_found = all_found && found;
    if (!json) std::fprintf(stderr, "\r%-40s\r", "");
    if (table) {
      print_table({row.begin(), row.end()});
      std::printf("  %s: %s\n\n", std::string(runtime::defect_summary(defect)).c_str(),
                  best ? ("target met by " + best->strategy.text() + " (median " +
                          std::to_string(best->median_runs) + " runs)")
                             .c_str()
                  : found ? "found, but no strategy met the target"
                          : "NOT FOUND");
    }
  }
  if (json) print_json(cells);
  if (markdown) print_markdown(cells, strategies.size());
  return all_found ? kExitOk : kExitFailed;
}

}  // namespace

Command zoo_command() {
  return {"zoo", "how fast each strategy finds each re-created race class (R1-R8)", run_zoo};
}

}  // namespace aion::cli
