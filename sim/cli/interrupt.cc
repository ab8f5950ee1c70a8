#include "sim/cli/interrupt.h"

#include <csignal>

namespace aion::cli {
namespace {

volatile std::sig_atomic_t requested = 0;

void on_interrupt(int) { requested = 1; }

}  // namespace

void catch_interrupt() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;
  sigaction(SIGINT, &action, nullptr);
}

bool interrupt_requested() { return requested != 0; }

}  // namespace aion::cli
