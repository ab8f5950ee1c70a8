// bazel run -c opt //sim/classic:classic: for each classic program and each strategy of the
// zoo's forms, schedules to the first bug (median / worst of 200 campaigns, at most 10,000
// schedules each; 20 for the searches that cover, whose campaigns differ only by the seed);
// then, for each fixed twin, that the same hunts find nothing, and how much of it the
// systematic strategies covered. 200, since the median of 20 campaigns of a random strategy
// moved by half between two sets of seeds (the philosophers' random walk: 1,226 of 20, 611
// of 400).
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "sim/classic/classic_hunt.h"
#include "sim/classic/classic_programs.h"
#include "sim/engine/strategy_registry.h"

namespace {

constexpr int kCampaigns = 200;
constexpr int kCoveringCampaigns = 20;
constexpr int kTwinCampaigns = 20;
constexpr std::uint64_t kLimit = 10'000;

// The hunts run (all the campaigns, or those until more than half of them missed: then the
// median and the worst are misses).
std::string cell(std::vector<aion::classic::Hunt> hunts, bool most_missed) {
  if (most_missed) return "miss / miss";
  std::sort(hunts.begin(), hunts.end(), [](const auto& a, const auto& b) {
    return (a.found ? a.runs : kLimit + 1) < (b.found ? b.runs : kLimit + 1);
  });
  const auto text = [](const aion::classic::Hunt& h) {
    return h.found ? std::to_string(h.runs) : std::string("miss");
  };
  return text(hunts[hunts.size() / 2]) + " / " + text(hunts.back());
}

}  // namespace

int main() {
  const auto forms = aion::sim::compared_forms();
  std::string header = "| program |";
  std::string rule = "| --- |";
  for (const auto& form : forms) {
    header += " " + form.text() + " |";
    rule += " --- |";
  }
  std::printf(
      "schedules to the first bug (median / worst of %d campaigns, %d for the searches that "
      "cover; at most %llu each)\n\n",
      kCampaigns, kCoveringCampaigns, static_cast<unsigned long long>(kLimit));
  std::printf("%s\n%s\n", header.c_str(), rule.c_str());
  bool every_bug_found = true;
  for (const auto& program : aion::classic::classic_programs()) {
    std::string line = "| " + std::string(program.name) + " |";
    bool found = false;
    for (const auto& form : forms) {
      const int campaigns =
          form.systematic() && form.kind->covers ? kCoveringCampaigns : kCampaigns;
      std::vector<aion::classic::Hunt> hunts;
      int misses = 0;
      for (int c = 1; c <= campaigns && 2 * misses <= campaigns; ++c) {
        hunts.push_back(aion::classic::hunt(program.buggy, form, c, kLimit));
        misses += !hunts.back().found;
      }
      for (const auto& h : hunts) found = found || h.found;
      line += " " + cell(hunts, 2 * misses > campaigns) + " |";
    }
    every_bug_found = every_bug_found && found;
    std::printf("%s\n", line.c_str());
  }
  std::printf("\nfixed twins (the same hunts; systematic strategies: what they covered)\n\n");
  bool twins_clean = true;
  for (const auto& program : aion::classic::classic_programs()) {
    std::string line = std::string(program.name) + ":";
    bool clean = true;
    for (const auto& form : forms) {
      const int campaigns = form.systematic() ? 1 : kTwinCampaigns;
      for (int c = 1; c <= campaigns; ++c) {
        const auto h = aion::classic::hunt(program.fixed, form, c, kLimit);
        clean = clean && !h.found;
        if (form.systematic()) {
          line += " " + form.text() + " " + (h.covered ? "covered" : "not covered") + " in " +
                  std::to_string(h.runs) + " runs (" + std::to_string(h.classes) + " classes);";
        }
      }
    }
    twins_clean = twins_clean && clean;
    std::printf("%s %s\n", line.c_str(), clean ? "nothing found" : "A FALSE ALARM");
  }
  return every_bug_found && twins_clean ? 0 : 1;
}
