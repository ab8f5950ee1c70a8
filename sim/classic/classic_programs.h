// A suite of small programs with the classic concurrency-bug patterns, written on the platform
// interface from the patterns themselves, each with its fixed twin: what the harness is
// measured on besides the runtime's own zoo. A bug shows as a failed check or a deadlock; the
// fixed twin passes every schedule. Shared variables outside a lock are announced with
// Platform::access, so that their races are scheduling points with footprints.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "platform/platform.h"

namespace aion::classic {

using Program = std::function<void(platform::Platform&)>;

struct ClassicProgram {
  std::string_view name;
  std::string_view pattern;  // one line: what goes wrong
  Program buggy;
  Program fixed;
};

const std::vector<ClassicProgram>& classic_programs();

}  // namespace aion::classic
