// The scenario script: how a Scenario prints for a person and how it is read
// back. render(parse(text)) is canonical and parse(render(s)) == s.
//
//   config schedulers=2 tombstones=4 faults=thread_start_fails:0,wakeup_delayed:0,...
//   prefix
//     spawn complete  # p0
//     monitor p0
//   branch
//     deliver p1 2
//     monitor 9999
//   branch
//     cancel p1
//     is_live p0
//     recent_exit p1
//     counts
//
// A target is a label (p<k>) or a raw pid. '#' starts a comment.
#pragma once

#include <string>
#include <variant>

#include "sim/scenario/scenario.h"

namespace aion::scenario {

std::string render(const Scenario& scenario);
std::string render_op(const Op& op);

struct ParseError {
  int line = 0;  // 1-based; 0 when the error is about the whole text
  std::string message;

  std::string describe() const;
};

std::variant<Scenario, ParseError> parse(const std::string& text);

}  // namespace aion::scenario
