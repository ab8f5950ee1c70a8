// The micro scenario: the race the harness exists for, at its smallest. A
// fresh runtime with one scheduler; one process that exits at once; a monitor
// installed on it while it exits; shutdown. Checks (sim::check) that the
// callback fired exactly once and nothing is held afterwards.
#pragma once

#include "platform/platform.h"

namespace aion::bench {

void micro_scenario(platform::Platform& platform);

}  // namespace aion::bench
