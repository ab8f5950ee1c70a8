// Every rule of the contract table is judged, and each planted violation of
// one is found by the unchanged default explore (builtin mix, random walk)
// within 1,000 runs; the same budget finds nothing in the correct runtime.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "sim/cli/campaign.h"
#include "sim/cli/strategy_list.h"
#include "sim/zoo/contract_rules.h"

namespace aion {
namespace {

constexpr std::uint64_t kBudget = 1000;
constexpr std::uint64_t kSeed = 1;

cli::CampaignStats explore(runtime::RuntimeDefects defects) {
  cli::CampaignOptions options;
  options.plan.seed = kSeed;
  options.plan.defects = defects;
  options.budget.runs = kBudget;
  options.jobs = 2;
  return cli::run_campaign(options);
}

std::string broken_list(const cli::CampaignStats& stats) {
  std::string text;
  for (const auto& row : oracle::all_invariants()) {
    const auto runs = stats.runs_breaking[static_cast<std::size_t>(row.invariant)];
    if (runs != 0) text += " " + std::string(row.name) + "=" + std::to_string(runs);
  }
  return text.empty() ? " nothing" : text;
}

const cli::CampaignStats& correct_runtime() {
  static const cli::CampaignStats stats = explore({});
  return stats;
}

class PlantedViolation : public testing::TestWithParam<zoo::ContractRule> {};

TEST_P(PlantedViolation, TheDefaultExploreFindsIt) {
  const zoo::ContractRule& rule = GetParam();
  ASSERT_TRUE(rule.planted.has_value());
  const cli::CampaignStats stats = explore(runtime::RuntimeDefects::only(*rule.planted));
  const std::string planted(runtime::defect_name(*rule.planted));
  if (rule.invariant) {
    const auto runs = stats.runs_breaking[static_cast<std::size_t>(*rule.invariant)];
    EXPECT_GT(runs, 0u) << "'" << rule.rule << "' planted as " << planted << ": " << kBudget
                        << " runs never broke " << oracle::invariant_name(*rule.invariant)
                        << "; they broke" << broken_list(stats);
  } else {
    ASSERT_TRUE(rule.mark.has_value());
    EXPECT_EQ(stats.marks[*rule.mark], 0u)
        << planted << " should make " << oracle::mark_name(*rule.mark) << " unreachable";
    EXPECT_GT(correct_runtime().marks[*rule.mark], 0u)
        << "the correct runtime never reached " << oracle::mark_name(*rule.mark);
  }
}

std::vector<zoo::ContractRule> planted_rules() {
  std::vector<zoo::ContractRule> rules;
  for (const auto& rule : zoo::contract_rules()) {
    if (rule.planted) rules.push_back(rule);
  }
  return rules;
}

INSTANTIATE_TEST_SUITE_P(Contract, PlantedViolation, testing::ValuesIn(planted_rules()),
                         [](const auto& info) {
                           std::string name(runtime::defect_name(*info.param.planted));
                           for (char& c : name)
                             c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return name;
                         });

TEST(Contract, TheSameBudgetFindsNothingInTheCorrectRuntime) {
  const cli::CampaignStats& stats = correct_runtime();
  EXPECT_EQ(stats.runs, kBudget);
  EXPECT_EQ(stats.failing_runs, 0u) << "broken:" << broken_list(stats);
  EXPECT_GT(stats.determinism_checks, 0u);
}

TEST(Contract, EveryDefectHasItsRuleAndEveryRuleItsJudge) {
  std::set<runtime::Defect> planted;
  for (const auto& rule : zoo::contract_rules()) {
    if (rule.planted) {
      EXPECT_TRUE(planted.insert(*rule.planted).second) << rule.rule;
    }
    const bool judged = rule.invariant || rule.mark;
    EXPECT_NE(judged, !rule.not_simulated.empty()) << rule.rule;
    if (judged) {
      EXPECT_TRUE(rule.planted.has_value()) << rule.rule << " has no planted violation";
    }
  }
  for (int i = 0; i < runtime::kDefectCount; ++i) {
    const auto defect = static_cast<runtime::Defect>(i);
    if (!runtime::is_race_class(defect) && !runtime::is_crash(defect)) {
      EXPECT_TRUE(planted.count(defect)) << runtime::defect_name(defect) << " plants no rule";
    }
  }
}

std::string read_source(const std::string& name) {
  const char* runfiles = std::getenv("TEST_SRCDIR");
  const char* workspace = std::getenv("TEST_WORKSPACE");
  const std::filesystem::path path = runfiles && workspace
                                         ? std::filesystem::path(runfiles) / workspace / name
                                         : std::filesystem::path(name);
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The text between `<!-- what: begin -->` and `<!-- what: end -->`.
std::string between_markers(const std::string& text, const std::string& what) {
  const std::string begin = "<!-- " + what + ": begin -->\n";
  const std::string end = "<!-- " + what + ": end -->";
  const auto from = text.find(begin);
  const auto to = text.find(end);
  if (from == std::string::npos || to == std::string::npos) return "(no " + what + " markers)";
  return text.substr(from + begin.size(), to - from - begin.size());
}

TEST(Contract, ContractMdShowsTheTable) {
  EXPECT_EQ(between_markers(read_source("sim/oracle/CONTRACT.md"), "contract table"),
            zoo::contract_markdown())
      << "sim/oracle/CONTRACT.md is out of date: bash tools/refresh_tables.sh writes its table";
}

TEST(Contract, TheReadmeListsTheInvariantsOfTheTable) {
  EXPECT_EQ(between_markers(read_source("README.md"), "invariants"), oracle::markdown_list())
      << "README.md is out of date: bash tools/refresh_tables.sh writes its list";
}

TEST(Contract, TheReadmeShowsTheStrategiesOfTheRegistry) {
  EXPECT_EQ(between_markers(read_source("README.md"), "strategies"), cli::strategies_markdown())
      << "README.md is out of date: bash tools/refresh_tables.sh writes its table";
}

}  // namespace
}  // namespace aion
