#include "sim/engine/context.h"

#include <cxxabi.h>

#include "sim/engine/sanitizers.h"

#if AION_SIM_ASAN
#include <sanitizer/common_interface_defs.h>
#endif
#if AION_SIM_TSAN
#include <sanitizer/tsan_interface.h>
#endif

namespace aion::sim::detail {
namespace {

namespace ctx = boost::context::detail;

// Layout of the Itanium C++ ABI's per-thread exception globals (libstdc++ and libc++abi agree;
// cxxabi.h declares the type opaque).
struct EhGlobals {
  void* caught_exceptions;
  unsigned int uncaught_exceptions;
};

EhGlobals* eh_globals() { return reinterpret_cast<EhGlobals*>(abi::__cxa_get_globals()); }

void save_exceptions(ExceptionState& state) {
  const EhGlobals* globals = eh_globals();
  state.caught = globals->caught_exceptions;
  state.uncaught = globals->uncaught_exceptions;
}

void restore_exceptions(const ExceptionState& state) {
  EhGlobals* globals = eh_globals();
  globals->caught_exceptions = state.caught;
  globals->uncaught_exceptions = state.uncaught;
}

// Runs first thing in the resumed context: records where the suspended one stopped. Each jump
// carries the Context that jumps (heap memory: a finishing fiber's fake stack, where its
// locals would live under AddressSanitizer, is gone by the time the jump happens).
void arrive(ctx::transfer_t transfer, Context* self, bool fresh) {
  Context* from = static_cast<Context*>(transfer.data);
  from->fcontext = transfer.fctx;
#if AION_SIM_ASAN
  const void* from_bottom = nullptr;
  std::size_t from_size = 0;
  __sanitizer_finish_switch_fiber(fresh ? nullptr : self->fake_stack, &from_bottom, &from_size);
  from->stack_bottom = from_bottom;
  from->stack_size = from_size;
#else
  (void)fresh;
#endif
  restore_exceptions(self->exceptions);
}

// jump_fcontext resumes the target with `jmp`, not `ret`, so a plain call leaves one stale entry
// on the CPU's return-stack predictor, and every return the resumed fiber then makes up its
// call chain is mispredicted (about 40 ns per switch). On x86-64 the jump is entered with a
// pushed return address and `jmp` instead of `call`, which pushes nothing: the predictor stays
// balanced. Registers as for a call: jump_fcontext preserves the callee-saved ones (r12 keeps
// the stack pointer across the switch) and may clobber all others.
ctx::transfer_t jump(ctx::fcontext_t to, void* data) {
#if defined(__x86_64__)
  register void* rdi asm("rdi") = to;
  register void* rsi asm("rsi") = data;
  register void* rax asm("rax");
  register void* rdx asm("rdx");
  asm volatile(
      "movq %%rsp, %%r12\n\t"
      "subq $128, %%rsp\n\t"  // leave the red zone alone
      "andq $-16, %%rsp\n\t"
      "leaq 1f(%%rip), %%rax\n\t"
      "pushq %%rax\n\t"
      "jmp jump_fcontext@PLT\n\t"
      "1:\n\t"
      "movq %%r12, %%rsp\n\t"
      : "+D"(rdi), "+S"(rsi), "=a"(rax), "=d"(rdx)
      :
      : "r12", "rcx", "r8", "r9", "r10", "r11", "memory", "cc", "xmm0", "xmm1", "xmm2", "xmm3",
        "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14",
        "xmm15");
  return ctx::transfer_t{rax, rdx};
#else
  return ctx::jump_fcontext(to, data);
#endif
}

void fiber_start(ctx::transfer_t transfer) {
  Context* self = static_cast<Context*>(transfer.data)->switching_to;
  arrive(transfer, self, /*fresh=*/true);
  self->entry(self->arg);
}

}  // namespace

void init_host(Context& host) {
  host = Context{};
#if AION_SIM_TSAN
  host.tsan_fiber = __tsan_get_current_fiber();
#endif
}

void prepare(Context& fiber, const Stack& stack, void (*entry)(void*), void* arg) {
  fiber = Context{};
  fiber.fcontext = ctx::make_fcontext(stack.top(), stack.size, &fiber_start);
  fiber.entry = entry;
  fiber.arg = arg;
  fiber.stack_bottom = stack.base;
  fiber.stack_size = stack.size;
#if AION_SIM_TSAN
  fiber.tsan_fiber = __tsan_create_fiber(0);
#endif
}

void switch_to(Context& from, Context& to, bool from_done) {
  save_exceptions(from.exceptions);
#if AION_SIM_ASAN
  __sanitizer_start_switch_fiber(from_done ? nullptr : &from.fake_stack, to.stack_bottom,
                                 to.stack_size);
#else
  (void)from_done;
#endif
#if AION_SIM_TSAN
  __tsan_switch_to_fiber(to.tsan_fiber, 0);
#endif
  from.switching_to = &to;
  const ctx::transfer_t transfer = jump(to.fcontext, &from);
  arrive(transfer, &from, /*fresh=*/false);
}

void dispose(Context& fiber) {
#if AION_SIM_TSAN
  if (fiber.tsan_fiber != nullptr) __tsan_destroy_fiber(fiber.tsan_fiber);
#endif
  fiber = Context{};
}

}  // namespace aion::sim::detail
