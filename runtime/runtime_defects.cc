#include "runtime/runtime_defects.h"

#include <array>

namespace aion::runtime {
namespace {

struct DefectText {
  std::string_view name;
  std::string_view summary;
};

constexpr std::array<DefectText, kDefectCount> kDefects = {{
    {"R1", "completion retained after the workflow stopped awaiting: never drained"},
    {"R2", "fast exit rejected: a monitor needs the pid in the live table"},
    {"R3", "delivery checks liveness, then retains, while the drain runs in between"},
    {"R4", "delivery trusts the live table while the exit is already published"},
    {"R5", "monitor thread cannot start: the process is left unowned"},
    {"R6", "two monitors on one pid consume one outcome"},
    {"R7", "the monitor waits on a tombstone that churn evicts"},
    {"R8", "callback admission races shutdown: a claimed callback is dropped"},
}};

}  // namespace

std::string_view defect_name(Defect defect) { return kDefects[static_cast<int>(defect)].name; }

std::string_view defect_summary(Defect defect) {
  return kDefects[static_cast<int>(defect)].summary;
}

std::string RuntimeDefects::describe() const {
  std::string text;
  for (int i = 0; i < kDefectCount; ++i) {
    if (has(static_cast<Defect>(i)))
      text += (text.empty() ? "" : " ") + std::string(kDefects[i].name);
  }
  return text;
}

std::optional<RuntimeDefects> RuntimeDefects::parse(std::string_view text) {
  RuntimeDefects defects;
  while (!text.empty()) {
    const auto space = text.find(' ');
    const std::string_view word = text.substr(0, space);
    if (!word.empty()) {
      const auto defect = defect_from_name(word);
      if (!defect) return std::nullopt;
      defects.add(*defect);
    }
    if (space == std::string_view::npos) break;
    text.remove_prefix(space + 1);
  }
  return defects;
}

std::optional<Defect> defect_from_name(std::string_view name) {
  for (int i = 0; i < kDefectCount; ++i) {
    if (kDefects[i].name == name) return static_cast<Defect>(i);
  }
  return std::nullopt;
}

}  // namespace aion::runtime
