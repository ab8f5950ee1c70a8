// Ctrl-C during a campaign: the first SIGINT asks the campaign to stop, so it
// still saves what it found (without shrinking it: `aionsim shrink` can) and
// prints its summary; a second one ends the process as usual.
#pragma once

namespace aion::cli {

void catch_interrupt();
bool interrupt_requested();

}  // namespace aion::cli
