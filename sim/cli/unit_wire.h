// What a campaign's child process tells its parent, one frame each: a run
// begins (and, for an exhaustive walk, the case it runs), a run's outcome, a
// unit's end. A frame the child did not finish before it died is never read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "sim/cli/unit_runner.h"
#include "sim/lifecycle/lifecycle_case.h"

namespace aion::cli {

struct RunBegins {
  std::uint64_t unit = 0;
  std::optional<lifecycle::LifecycleCase> lifecycle_case;  // only when the parent cannot derive it
};
struct RunEnded {
  std::uint64_t unit = 0;
  RunOutcome outcome;
};
struct UnitEnded {
  std::uint64_t unit = 0;
  UnitEnd end;
};

using UnitMessage = std::variant<RunBegins, RunEnded, UnitEnded>;

std::string encode_message(const UnitMessage& message);
// Nothing when the bytes are not a message.
std::optional<UnitMessage> decode_message(std::string_view bytes);

}  // namespace aion::cli
