// CompletionInbox: activity completions retained for processes, keyed by pid
// and correlation id, until the process takes them or its monitor drains
// them. Not synchronised: guarded by the runtime's state lock, which is what
// makes retention atomic with the exit decision and with the drain.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "runtime/pid.h"
#include "runtime/workflow_program.h"

namespace aion::runtime {

class CompletionInbox {
 public:
  bool contains(Pid pid, Correlation correlation) const;
  // False (and nothing retained) when that correlation is already retained.
  bool retain(Pid pid, Correlation correlation, std::string payload);
  std::optional<std::string> take(Pid pid, Correlation correlation);
  // Drops everything retained for pid; returns how many completions it held.
  std::size_t drain(Pid pid);
  // What is retained for pid, in correlation order.
  std::vector<Correlation> correlations_of(Pid pid) const;

  std::size_t retained() const { return entries_.size(); }

 private:
  std::map<std::pair<Pid, Correlation>, std::string> entries_;
};

}  // namespace aion::runtime
