// The loop over the runs of one program, written once for every caller (a campaign's units,
// the zoo's hunts): the strategy decides how many runs a program gets (Strategy::wants_run),
// each run is told as the case that replays it, and a search can go on after a run whose
// process died.
//
// A program is a case's scenario and seed; the strategy is built from `spec` for it (with the
// case's choices). Each run's case: for a sampling strategy, the program with the text form
// the run printed (which replays it from the seed, e.g. `pct:3:212`); for a systematic one,
// the generated case of the choices it made (before the run: of the choices it is forced to
// make, which a lenient replay follows the same way, or the sampling form it announced for
// its next run, Strategy::next_form, such as guided's fresh POS runs).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sim/engine/strategy.h"
#include "sim/engine/strategy_kind.h"
#include "sim/lifecycle/case_runner.h"
#include "sim/lifecycle/lifecycle_case.h"

namespace aion::lifecycle {

// Where a search goes on after a run whose process died: the decisions that run made (as the
// engine mirrored them), and how many runs of the program there were with it.
struct ProgramResume {
  std::vector<sim::DecisionRecord> decisions;
  std::uint64_t runs = 0;
};

struct ProgramEnd {
  std::uint64_t runs = 0;  // of the program, with those before a resume
  bool covered = false;    // the strategy covered its space (Strategy::covered)
  std::string warning;     // Strategy::warning
};

struct ProgramCallbacks {
  // Hears the case of each run before the run begins, so that whoever watches knows which
  // run a death ended.
  std::function<void(const LifecycleCase&)> starting;
  // Hears each run and the case that replays it; false stops the program.
  std::function<bool(const LifecycleCase&, const CaseResult&)> ran;
};

ProgramEnd run_program(CaseRunner& runner, const sim::StrategySpec& spec,
                       const LifecycleCase& program, const CaseOptions& options,
                       std::uint64_t max_runs, const ProgramCallbacks& callbacks,
                       const std::optional<ProgramResume>& resume = std::nullopt);

// The form `spec` leaves to be learned (PCT's k), completed from one run of each of
// `programs` under it: the form a campaign then uses for all its programs, the same whatever
// its jobs and shards. A complete form comes back as it is, without a run.
// How many programs a campaign or a hunt calibrates such a form on: its first ones, the same
// for every shard and any number of jobs.
inline constexpr std::size_t kCalibrationRuns = 16;

sim::StrategySpec calibrate(CaseRunner& runner, const sim::StrategySpec& spec,
                            std::span<const LifecycleCase> programs, const CaseOptions& options);

}  // namespace aion::lifecycle
