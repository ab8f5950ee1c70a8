#include "sim/oracle/lifecycle_oracle.h"

#include "sim/oracle/family_checks.h"
#include "sim/oracle/linearizability.h"
#include "sim/oracle/pid_histories.h"

namespace aion::oracle {
namespace {

using Checker = void (*)(const RunView&, Violations&);

constexpr Checker kCheckers[] = {
    check_callbacks, check_exit_and_outcome, check_cleanup, check_progress, check_quiescence,
};

}  // namespace

Violations judge(const scenario::Scenario& scenario, const scenario::RunRecord& record) {
  if (!record.runtime_started) return {};
  const PidHistories histories = group_by_pid(scenario, record);
  const RunView run{scenario, record, histories};
  Violations violations;
  for (const Checker check : kCheckers) check(run, violations);
  // Its search is the costliest check, and what broke already explains the run.
  if (violations.empty() && run.complete()) {
    if (auto unexplained = explain_sequentially(run)) violations.push_back(std::move(*unexplained));
  }
  return violations;
}

}  // namespace aion::oracle
