// Checked values of flags. Each parser takes the flag's name (for the
// message) and its text, and returns the value or throws a UsageError that
// says which flag, what it takes and what it got; a negative, non-numeric,
// out-of-range or too-large value never becomes a number silently.
#pragma once

#include <cstdint>
#include <string>

#include "runtime/runtime_defects.h"
#include "sim/engine/strategy_kind.h"

namespace aion::cli {

// A whole number in [min, max]; max may be UINT64_MAX (a seed).
std::uint64_t parse_whole(const std::string& flag, const std::string& text, std::uint64_t min,
                          std::uint64_t max);

// A comma-separated list of re-created race classes ("R1,R3"), at least one.
runtime::RuntimeDefects parse_defects(const std::string& flag, const std::string& text);

// A strategy's text form, from the registry (sim/engine/strategy_registry.h).
sim::StrategySpec parse_strategy_flag(const std::string& flag, const std::string& text);

// A positive decimal number of seconds ("90", "0.5"), at most a year.
double parse_seconds(const std::string& flag, const std::string& text);

// "I/N": part I of N, 0 <= I < N <= 1,000,000.
void parse_shard(const std::string& flag, const std::string& text, std::uint64_t& index,
                 std::uint64_t& count);

// A seed nobody chose, for a campaign without --seed (it prints the seed it used).
std::uint64_t fresh_seed();
// One worker per CPU.
unsigned default_jobs();

}  // namespace aion::cli
