// PidHistories: a RunRecord regrouped per pid: what each process was spawned
// as, when its exit was published, every cleanup step, every callback, and
// the monitor operations that named it. Built once per run for the checks.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "sim/scenario/run_record.h"
#include "sim/scenario/scenario.h"

namespace aion::oracle {

struct PidHistory {
  bool spawned = false;
  std::optional<std::uint32_t> label;  // none for churn processes
  std::optional<scenario::Shape> shape;
  std::vector<const scenario::Event*> events;  // in sequence order
  std::vector<const scenario::OpRecord*> monitors;
  std::vector<const scenario::OpRecord*> cancels;
  std::vector<const scenario::OpRecord*> deliveries;

  const scenario::Event* first(scenario::EventKind kind) const;
  std::size_t count(scenario::EventKind kind) const;
};

struct PidHistories {
  std::map<runtime::Pid, PidHistory> by_pid;
  std::uint64_t quiescent_seq = UINT64_MAX;
  // When shutdown began: the first shutdown op, or the final one after quiescence.
  std::uint64_t shutdown_seq = UINT64_MAX;
};

PidHistories group_by_pid(const scenario::Scenario& scenario, const scenario::RunRecord& record);

}  // namespace aion::oracle
