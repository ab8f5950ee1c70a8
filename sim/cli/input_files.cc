#include "sim/cli/input_files.h"

#include <variant>

#include "sim/cli/cli_error.h"
#include "sim/cli/user_files.h"
#include "sim/scenario/scenario_text.h"

namespace aion::cli {
namespace {

lifecycle::FailureFile parse_failure_text(const std::string& path, const std::string& text,
                                          bool any_build = false) {
  auto parsed = lifecycle::parse_failure(text, any_build);
  if (auto* problem = std::get_if<std::string>(&parsed)) throw UsageError(path + ": " + *problem);
  return std::get<lifecycle::FailureFile>(std::move(parsed));
}

bool looks_like_failure_file(const std::string& text) {
  const auto start = text.find_first_not_of(" \t\r\n");
  return start != std::string::npos && text.compare(start, 12, "aion-failure") == 0;
}

}  // namespace

lifecycle::FailureFile load_failure_file(const std::string& path) {
  return parse_failure_text(path, read_user_file(path));
}

lifecycle::FailureFile load_failure_file_of_any_build(const std::string& path) {
  return parse_failure_text(path, read_user_file(path), true);
}

scenario::Scenario load_scenario(const std::string& path) {
  const std::string text = read_user_file(path);
  if (looks_like_failure_file(text)) return parse_failure_text(path, text).lifecycle_case.scenario;
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw UsageError(path + ": the file is empty (expected a failure file or a scenario script)");
  }
  auto parsed = scenario::parse(text);
  if (auto* problem = std::get_if<scenario::ParseError>(&parsed)) {
    throw UsageError(path + ": " + problem->describe());
  }
  return std::get<scenario::Scenario>(std::move(parsed));
}

}  // namespace aion::cli
