// A run in the scenario's words: what each operation and each lifecycle event
// of a RunRecord was, naming processes by their labels ("p1", with the pid
// when it helps). Timelines, replays and determinism reports speak this way.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runtime/pid.h"
#include "sim/scenario/run_record.h"
#include "sim/scenario/scenario.h"

namespace aion::lifecycle {

class RecordText {
 public:
  explicit RecordText(const scenario::RunRecord& record);

  // "p1", or "pid 7" for a process no label names (churn, never spawned).
  std::string process(runtime::Pid pid) const;
  // "exit of p1 published: {ok, v1}"
  std::string event(const scenario::Event& event) const;
  // "monitor p1 begins" / "monitor p1: accepted"
  std::string invoked(const scenario::OpRecord& op) const;
  std::string returned(const scenario::OpRecord& op) const;

  // What the entry with this sequence number was (an op's invocation or return, an
  // event), and the pid it is about; nothing for sequence numbers no entry has.
  struct Entry {
    std::string text;
    runtime::Pid pid = runtime::kNoPid;
    bool is_op = false;
  };
  std::optional<Entry> entry(std::uint64_t seq) const;

 private:
  const scenario::RunRecord& record_;
  std::vector<std::pair<std::uint64_t, Entry>> by_seq_;  // sorted by sequence number
};

}  // namespace aion::lifecycle
