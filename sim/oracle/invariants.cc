#include "sim/oracle/invariants.h"

#include <array>
#include <string>

namespace aion::oracle {
namespace {

constexpr InvariantInfo kTable[] = {
#define AION_INVARIANT_ROW(id, name, family, meaning) \
  {Invariant::id, name, Family::family, meaning},
    AION_INVARIANTS(AION_INVARIANT_ROW)
#undef AION_INVARIANT_ROW
};

constexpr std::array<std::string_view, 7> kFamilyNames = {
    "callbacks", "exit and outcome", "cleanup", "progress", "quiescence", "linearizability", "run",
};

}  // namespace

std::span<const InvariantInfo> all_invariants() { return kTable; }

const InvariantInfo& info(Invariant invariant) {
  return kTable[static_cast<std::size_t>(invariant)];
}

std::string_view invariant_name(Invariant invariant) { return info(invariant).name; }

std::optional<Invariant> invariant_from_name(std::string_view name) {
  for (const InvariantInfo& row : kTable) {
    if (row.name == name) return row.invariant;
  }
  return std::nullopt;
}

std::string_view family_name(Family family) {
  return kFamilyNames[static_cast<std::size_t>(family)];
}

std::string markdown_list() {
  std::string text;
  for (std::size_t f = 0; f < kFamilyNames.size(); ++f) {
    text += "- " + std::string(kFamilyNames[f]) + ":\n";
    for (const InvariantInfo& row : kTable) {
      if (static_cast<std::size_t>(row.family) != f) continue;
      text += "  - `" + std::string(row.name) + "`: " + std::string(row.meaning) + "\n";
    }
  }
  return text;
}

}  // namespace aion::oracle
