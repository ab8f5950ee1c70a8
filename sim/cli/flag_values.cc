#include "sim/cli/flag_values.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <random>
#include <sstream>
#include <thread>

#include "sim/cli/cli_error.h"
#include "sim/engine/strategy_registry.h"

namespace aion::cli {
namespace {

constexpr double kMaxSeconds = 365.0 * 24 * 3600;

bool all_digits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [](unsigned char c) { return std::isdigit(c) != 0; });
}

}  // namespace

std::uint64_t parse_whole(const std::string& flag, const std::string& text, std::uint64_t min,
                          std::uint64_t max) {
  const std::string range = "between " + std::to_string(min) + " and " + std::to_string(max);
  if (text.size() > 1 && text[0] == '-' && all_digits(text.substr(1))) {
    throw UsageError(flag + " must be " + range + ", not the negative '" + text + "'");
  }
  if (!all_digits(text)) throw UsageError(flag + " takes a whole number, not '" + text + "'");
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error == std::errc::result_out_of_range) {
    throw UsageError(flag + " must be " + range + ", not '" + text +
                     "' (it does not fit in 64 bits)");
  }
  if (value < min || value > max) {
    throw UsageError(flag + " must be " + range + ", not '" + text + "'");
  }
  return value;
}

double parse_seconds(const std::string& flag, const std::string& text) {
  // Digits with at most one point among or around them: "90", "0.5", ".5", "5.".
  const auto dot = text.find('.');
  const std::string whole = text.substr(0, dot);
  const std::string part = dot == std::string::npos ? "" : text.substr(dot + 1);
  const bool decimal = (!whole.empty() || !part.empty()) && (whole.empty() || all_digits(whole)) &&
                       (part.empty() || all_digits(part));
  if (!decimal) {
    const bool negative = text.size() > 1 && text[0] == '-';
    throw UsageError(flag + " takes a positive number of seconds, not " +
                     (negative ? "the negative " : "") + "'" + text + "'");
  }
  const double seconds = std::strtod(text.c_str(), nullptr);
  if (seconds <= 0) throw UsageError(flag + " must be more than 0 seconds, not '" + text + "'");
  if (seconds > kMaxSeconds) {
    throw UsageError(flag + " must be at most a year (31536000 seconds), not '" + text + "'");
  }
  return seconds;
}

runtime::RuntimeDefects parse_defects(const std::string& flag, const std::string& text) {
  runtime::RuntimeDefects defects;
  std::istringstream in(text);
  for (std::string name; std::getline(in, name, ',');) {
    const auto defect = runtime::defect_from_name(name);
    if (!defect) {
      throw UsageError(flag +
                       " takes defect names (R1 to R8, or those aionsim defects lists), not '" +
                       name + "'");
    }
    defects.add(*defect);
  }
  if (!defects.any()) throw UsageError(flag + " needs at least one defect, as R1 to R8");
  return defects;
}

sim::StrategySpec parse_strategy_flag(const std::string& flag, const std::string& text) {
  auto parsed = sim::parse_strategy(text);
  if (auto* error = std::get_if<std::string>(&parsed)) throw UsageError(flag + ": " + *error);
  return std::get<sim::StrategySpec>(std::move(parsed));
}

void parse_shard(const std::string& flag, const std::string& text, std::uint64_t& index,
                 std::uint64_t& count) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) {
    throw UsageError(flag + ": '" + text + "' is not I/N (part I of N, counted from 0)");
  }
  count = parse_whole(flag, text.substr(slash + 1), 1, 1'000'000);
  index = parse_whole(flag, text.substr(0, slash), 0, count - 1);
}

std::uint64_t fresh_seed() {
  std::random_device device;
  return (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

unsigned default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

}  // namespace aion::cli
