#include "sim/cli/interrupt.h"

#include <csignal>
#include <initializer_list>

namespace aion::cli {
namespace {

volatile std::sig_atomic_t requested = 0;

void on_interrupt(int signal) { requested = signal; }

}  // namespace

void catch_interrupt() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;
  for (const int ending : {SIGINT, SIGTERM, SIGHUP}) sigaction(ending, &action, nullptr);
}

bool interrupt_requested() { return requested != 0; }

const char* interrupt_signal_name() {
  switch (requested) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    case SIGHUP:
      return "SIGHUP";
  }
  return "";
}

}  // namespace aion::cli
