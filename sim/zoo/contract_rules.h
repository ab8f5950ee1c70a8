// The contract, rule by rule: every rule of ../shared/spec/runtime.md (and of
// the choices runtime/runtime_handle.h fixes) that a run can break, the
// invariant that judges it in every simulated run, and the defect that plants
// a violation of exactly that rule. A rule a single run cannot show broken is
// judged over a campaign (a coverage mark it must reach); a rule the simulator
// cannot judge says why.
//
// sim/oracle/CONTRACT.md is this table for people (a test keeps the two
// equal); //tests/contract:contract_test switches each planted defect on and
// requires the default explore to find it within 1,000 runs, and the same
// budget to find nothing in the correct runtime.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "runtime/runtime_defects.h"
#include "sim/oracle/coverage_marks.h"
#include "sim/oracle/invariants.h"

namespace aion::zoo {

struct ContractRule {
  std::string_view source;  // where the contract says it
  std::string_view rule;
  // The invariant that judges it in every run; or, for a rule judged over a
  // campaign, the mark the campaign must reach (which the planted defect
  // makes unreachable).
  std::optional<oracle::Invariant> invariant;
  std::optional<oracle::Mark> mark;
  std::optional<runtime::Defect> planted;
  std::string_view not_simulated;  // why, for a rule neither judges
};

std::span<const ContractRule> contract_rules();

// The table as Markdown, for sim/oracle/CONTRACT.md.
std::string contract_markdown();

}  // namespace aion::zoo
