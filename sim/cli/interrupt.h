// Ctrl-C, and the SIGTERM or SIGHUP a CI job's timeout or a closed terminal sends, during a
// campaign: the first one asks the campaign to stop, so it ends cleanly with what it found
// saved (without shrinking what is not shrunk yet: `aionsim shrink` can) and its summary
// printed; a second one ends the process as usual.
#pragma once

namespace aion::cli {

void catch_interrupt();
bool interrupt_requested();
// The signal that asked, for the summary ("SIGTERM"); empty when none did.
const char* interrupt_signal_name();

}  // namespace aion::cli
