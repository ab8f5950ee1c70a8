// Execution contexts and the switch between them: the only code that touches Boost.Context's
// fcontext, the sanitizers' fiber annotations and the C++ runtime's exception state.
//
// Contract:
// - A Context is either the host (the OS thread's own stack, set up with init_host) or a fiber
//   (prepare() on a Stack, entered through `entry(arg)` the first time it is switched to).
// - switch_to(from, to, from_done) suspends `from` and resumes `to`; it returns when some
//   context switches back to `from`. `from_done` says `from` will never be resumed (its fiber
//   finished or was abandoned): AddressSanitizer then frees its fake stack.
// - `entry` must never return: a fiber ends by switching away with from_done = true.
// - Each context keeps its own exception state (the exceptions being handled and
//   std::uncaught_exceptions()), which the C++ runtime otherwise keeps per OS thread: a fiber
//   that switches inside a catch block or during unwinding finds its state intact on return.
// - With ThreadSanitizer every switch synchronizes, so the fibers' accesses are ordered by the
//   switches, as they are in fact.
#pragma once

#include <boost/context/detail/fcontext.hpp>
#include <cstddef>

#include "sim/engine/stack_pool.h"

namespace aion::sim::detail {

struct ExceptionState {
  void* caught = nullptr;
  unsigned int uncaught = 0;
};

struct Context {
  boost::context::detail::fcontext_t fcontext = nullptr;
  void (*entry)(void* arg) = nullptr;
  void* arg = nullptr;
  Context* switching_to = nullptr;  // set by the jump that leaves this context
  // Stack bounds and fake-stack handle for AddressSanitizer; the host learns its bounds on the
  // first switch away from it.
  const void* stack_bottom = nullptr;
  std::size_t stack_size = 0;
  void* fake_stack = nullptr;
  void* tsan_fiber = nullptr;
  ExceptionState exceptions;
};

void init_host(Context& host);
void prepare(Context& fiber, const Stack& stack, void (*entry)(void*), void* arg);
void switch_to(Context& from, Context& to, bool from_done);
// Releases what prepare() acquired; the context must not be running.
void dispose(Context& fiber);

}  // namespace aion::sim::detail
