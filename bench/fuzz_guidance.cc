// bazel run -c opt //bench:fuzz_guidance [-- SECONDS [features]]: what feedback buys. For each
// planted defect of the runtime (the zoo's race classes and the contract's violations; not those
// that crash the process, which an in-process campaign cannot survive), runs to the first failure
// of guided and blind fuzzing (median and worst of 21 seeds, at most 3,000 runs each), and which is
// ahead on the hardest third (by the blind median); then the features each reaches in SECONDS
// (default 60) on one job, with the new ones in the last third of the time (whether a curve has
// flattened), blind both as `fuzz --blind` runs it (the mix's cases) and with the random walk
// alone (the baseline, which reaches more features than the mix). With `features`,
// only the second part.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "runtime/runtime_defects.h"
#include "sim/cli/flag_values.h"
#include "sim/cli/fuzz_campaign.h"
#include "sim/engine/strategy_registry.h"

namespace {

using aion::cli::FuzzOptions;
using aion::cli::FuzzStats;

constexpr int kSeeds = 21;
constexpr std::uint64_t kMaxRuns = 3000;

std::uint64_t first_failure(const std::string& defect, bool guided, std::uint64_t seed) {
  FuzzOptions options;
  options.guided = guided;
  options.plan.seed = seed;
  options.plan.defects = aion::cli::parse_defects("defect", defect);
  options.budget.runs = kMaxRuns;
  bool found = false;
  options.on_finding = [&](const aion::cli::Finding&, const FuzzStats&) { found = true; };
  options.stop_requested = [&] { return found; };
  options.progress_interval = 0.001;
  const FuzzStats stats = aion::cli::run_fuzz(options);
  std::uint64_t first = UINT64_MAX;
  for (const auto& finding : stats.findings) first = std::min(first, finding.run);
  return first;
}

std::string runs_text(std::uint64_t runs) {
  return runs == UINT64_MAX ? "miss" : std::to_string(runs);
}

struct Row {
  std::string defect;
  std::uint64_t median[2];  // guided, blind
  std::uint64_t worst[2];
};

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 60;
  const bool features_only = argc > 2 && std::string(argv[2]) == "features";
  std::vector<Row> rows;
  if (!features_only) {
    std::printf("| defect | guided median / worst | blind median / worst |\n|---|---|---|\n");
  }
  for (int d = 0; d < aion::runtime::kDefectCount && !features_only; ++d) {
    const auto planted = static_cast<aion::runtime::Defect>(d);
    if (aion::runtime::is_crash(planted)) continue;
    const std::string defect(aion::runtime::defect_name(planted));
    Row row{defect, {}, {}};
    for (int mode = 0; mode < 2; ++mode) {
      std::vector<std::uint64_t> runs;
      for (int seed = 1; seed <= kSeeds; ++seed)
        runs.push_back(first_failure(defect, mode == 0, seed));
      std::sort(runs.begin(), runs.end());
      row.median[mode] = runs[kSeeds / 2];
      row.worst[mode] = runs.back();
    }
    std::printf("| %s | %s / %s | %s / %s |\n", defect.c_str(), runs_text(row.median[0]).c_str(),
                runs_text(row.worst[0]).c_str(), runs_text(row.median[1]).c_str(),
                runs_text(row.worst[1]).c_str());
    std::fflush(stdout);
    rows.push_back(row);
  }
  std::sort(rows.begin(), rows.end(),
            [](const Row& a, const Row& b) { return a.median[1] > b.median[1]; });
  if (!features_only) std::printf("\nhardest third (by blind median):");
  for (std::size_t i = 0; i < (rows.size() + 2) / 3; ++i) {
    if (rows[i].median[1] == UINT64_MAX) {
      std::printf(" %s (missed by both)", rows[i].defect.c_str());
      continue;
    }
    std::printf(" %s %.2fx", rows[i].defect.c_str(),
                static_cast<double>(rows[i].median[1]) / static_cast<double>(rows[i].median[0]));
  }
  if (!features_only) std::printf(" (blind median / guided median)\n\n");

  const char* const names[] = {"guided", "blind", "blind (random walk)"};
  FuzzStats curves[3];
  for (int mode = 0; mode < 3; ++mode) {
    FuzzOptions options;
    options.guided = mode == 0;
    options.plan.seed = 1;
    if (mode == 2) options.plan.strategy = aion::sim::strategy_named("random");
    options.budget.seconds = seconds;
    curves[mode] = aion::cli::run_fuzz(options);
  }
  for (int mode = 0; mode < 3; ++mode) {
    const FuzzStats& s = curves[mode];
    std::uint64_t at_two_thirds = 0;
    for (const auto& point : s.curve) {
      if (point.seconds <= seconds * 2 / 3) at_two_thirds = point.features;
    }
    std::printf("%s: %llu features in %.0f s (%llu runs), %llu of them in the last third\n",
                names[mode], static_cast<unsigned long long>(s.features), s.seconds,
                static_cast<unsigned long long>(s.runs),
                static_cast<unsigned long long>(s.features - at_two_thirds));
  }
  for (int mode = 1; mode < 3; ++mode) {
    std::printf(
        "guided / %s features: %.2fx\n", names[mode],
        static_cast<double>(curves[0].features) / static_cast<double>(curves[mode].features));
  }
  return 0;
}
