#include "sim/lifecycle/failure_file.h"

#include <sstream>
#include <string_view>

#include "sim/engine/hex_text.h"
#include "sim/engine/sealed_text.h"
#include "sim/engine/whole_number.h"
#include "sim/oracle/invariants.h"
#include "sim/scenario/scenario_text.h"

namespace aion::lifecycle {
namespace {

// A sentence that spans lines (a determinism report shows both runs) keeps to
// its line in the file.
std::string one_line(const std::string& text) {
  std::string line;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n') {
      line += text[i];
      continue;
    }
    while (i + 1 < text.size() && text[i + 1] == ' ') ++i;
    line += " | ";
  }
  return line;
}

// Whether a generated case's choice list and its recorded schedule tell the
// same run: each recorded scheduling choice is the list's value there, taken
// modulo the choices it had (after the list, the fixed default decides).
std::optional<std::string> choices_disagree(const FailureFile& file) {
  const LifecycleCase& c = file.lifecycle_case;
  if (!c.strategy.kind->takes_choices || file.schedule.empty()) return std::nullopt;
  std::size_t i = 0;
  for (const sim::Choice& choice : file.schedule) {
    if (choice.kind != sim::ChoiceKind::kSchedule) continue;
    if (i < c.choices.size() && choice.options != 0 &&
        c.choices[i] % choice.options != choice.value) {
      return "choice " + std::to_string(i) + " is " + std::to_string(c.choices[i]) +
             ", but the recorded schedule took " + std::to_string(choice.value) + " of " +
             std::to_string(choice.options) + " there: the two do not tell the same run";
    }
    ++i;
  }
  return std::nullopt;
}

}  // namespace

std::string render_failure(const FailureFile& file) {
  std::ostringstream out;
  out << "aion-failure " << kFailureFormatVersion << "\n";
  out << "build " << file.build << "\n";
  if (file.defects.any()) out << "defects " << file.defects.describe() << "\n";
  out << "expect "
      << (file.expect_invariant.empty() ? std::string("pass") : "failure " + file.expect_invariant)
      << "\n";
  if (!file.violation.empty()) out << "violation " << one_line(file.violation) << "\n";
  out << "strategy " << file.lifecycle_case.strategy.text() << "\n";
  out << "seed " << file.lifecycle_case.seed << "\n";
  out << "choices";
  for (const auto choice : file.lifecycle_case.choices) out << " " << choice;
  out << "\n";
  out << "schedule " << sim::format_schedule(file.schedule) << "\n";
  out << "trace-hash " << sim::hex64(file.trace_hash) << "\n";
  out << "scenario\n" << scenario::render(file.lifecycle_case.scenario);
  return sim::seal_text(out.str());
}

std::variant<FailureFile, std::string> parse_failure(const std::string& whole, bool any_build) {
  // The header first, so that another format is told as such, not as damage.
  std::string text = whole;
  if (whole.substr(0, whole.find('\n')) ==
      "aion-failure " + std::to_string(kFailureFormatVersion)) {
    const auto body = sim::unseal_text(whole);
    if (const auto* problem = std::get_if<std::string>(&body)) return *problem;
    text = std::string(std::get<std::string_view>(body));
  }
  std::istringstream in(text);
  std::string line;
  int number = 0;
  auto error = [&number](const std::string& what) {
    return "line " + std::to_string(number) + ": " + what;
  };
  if (!std::getline(in, line)) return std::string("the file is empty");
  ++number;
  const std::string magic = "aion-failure ";
  if (line.rfind(magic, 0) != 0)
    return error("not an aion failure file (no 'aion-failure' header)");
  if (line != magic + std::to_string(kFailureFormatVersion)) {
    return error("format '" + line.substr(magic.size()) + "' is not the format " +
                 std::to_string(kFailureFormatVersion) + " this build reads");
  }
  FailureFile file;
  bool seen_scenario = false, seen_build = false, seen_expect = false, seen_seed = false;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    const auto space = line.find(' ');
    const std::string key = line.substr(0, space);
    const std::string value = space == std::string::npos ? "" : line.substr(space + 1);
    if (key == "scenario") {
      seen_scenario = true;
      break;
    }
    if (key == "build") {
      seen_build = true;
      file.build = value;
      if (value != kBuildIdentity && !any_build) {
        return error("recorded against runtime build '" + value + "', but this is '" +
                     kBuildIdentity +
                     "': the recorded run no longer means the same run (aionsim rerecord records "
                     "it again)");
      }
    } else if (key == "defects") {
      auto defects = runtime::RuntimeDefects::parse(value);
      if (!defects) return error("defects are names R1 to R8, not '" + value + "'");
      file.defects = *defects;
    } else if (key == "expect") {
      seen_expect = true;
      if (value == "pass") {
        file.expect_invariant.clear();
      } else if (value.rfind("failure ", 0) == 0 && value.size() > 8) {
        file.expect_invariant = value.substr(8);
        if (!oracle::invariant_from_name(file.expect_invariant)) {
          return error("'" + file.expect_invariant +
                       "' is not an invariant (aionsim invariants lists them)");
        }
      } else {
        return error("expect is 'pass' or 'failure <invariant>', not '" + value + "'");
      }
    } else if (key == "violation") {
      file.violation = value;
    } else if (key == "strategy") {
      auto spec = parse_case_strategy(value);
      if (auto* wrong = std::get_if<std::string>(&spec)) return error(*wrong);
      file.lifecycle_case.strategy = std::get<sim::StrategySpec>(std::move(spec));
    } else if (key == "seed") {
      seen_seed = true;
      if (!sim::parse_whole_number(value, file.lifecycle_case.seed)) {
        return error("the seed is a number from 0 to 2^64-1, not '" + value + "'");
      }
    } else if (key == "choices") {
      std::istringstream words(value);
      for (std::string word; words >> word;) {
        std::uint64_t choice = 0;
        if (!sim::parse_whole_number(word, choice) || choice > UINT32_MAX) {
          return error("a choice is a small number, not '" + word + "'");
        }
        file.lifecycle_case.choices.push_back(static_cast<std::uint32_t>(choice));
      }
    } else if (key == "schedule") {
      auto schedule = sim::parse_schedule(value);
      if (!schedule) return error("the schedule is malformed");
      file.schedule = std::move(*schedule);
    } else if (key == "trace-hash") {
      if (!sim::parse_whole_number(value, file.trace_hash, 16)) {
        return error("the trace hash is 16 hex digits, not '" + value + "'");
      }
    } else {
      return error("unknown key '" + key + "'");
    }
  }
  if (!seen_build) return std::string("the file has no 'build' line");
  if (!seen_expect) return std::string("the file has no 'expect' line");
  if (!seen_seed) return std::string("the file has no 'seed' line");
  if (!seen_scenario) return std::string("the file has no 'scenario' section (truncated?)");
  std::ostringstream rest;
  rest << in.rdbuf();
  auto parsed = scenario::parse(rest.str());
  if (auto* problem = std::get_if<scenario::ParseError>(&parsed)) {
    const int line_in_file = problem->line > 0 ? problem->line + number : 0;
    return (line_in_file ? "line " + std::to_string(line_in_file) + ": " : std::string()) +
           "scenario: " + problem->message;
  }
  file.lifecycle_case.scenario = std::get<scenario::Scenario>(parsed);
  if (auto disagree = choices_disagree(file)) return *disagree;
  return file;
}

}  // namespace aion::lifecycle
