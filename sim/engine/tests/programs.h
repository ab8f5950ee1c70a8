// Small programs written against the platform interface, shared by the engine's tests.
#pragma once

#include <cstdint>
#include <functional>

#include "platform/platform.h"

namespace aion::sim::testing {

using Program = std::function<void(platform::Platform&)>;

// The lost wake-up: thread `waiter` checks a flag outside the lock, then waits under the lock;
// thread `setter` sets the flag and notifies condvar `flag.set` under mutex `flag.mutex`. If
// the setter runs between the waiter's check and its wait, the notify is lost and the waiter
// blocks forever. With `fixed`, the waiter checks inside the lock, in a loop.
Program lost_wakeup(bool fixed);

// main starts thread `a`, which passes one yield point; main joins `a`. One schedule: the
// join blocks until `a` has finished.
Program one_yield_thread();

// main starts `a` and `b`, each passing `yields` yield points, and joins both.
Program yielders(int threads, int yields);

// Two threads each increment a shared counter `rounds` times under mutex `counter.mutex`, with
// a yield point inside the critical section; main joins both and checks the total.
Program locked_counter(int rounds);

// `threads` threads each take mutex `contended.mutex` `rounds` times, with a yield point
// inside the critical section, and count their entries; main joins them and checks the count.
Program contended_mutex(int threads, int rounds);

// `threads` threads named t0, t1, ..., each running `body(platform, its index)`, started and
// joined by main.
Program threads_running(int threads, std::function<void(platform::Platform&, int)> body);

// n choose k: the classes of two threads that each touch one object k times, n = 2k.
std::uint64_t binomial(std::uint64_t n, std::uint64_t k);

}  // namespace aion::sim::testing
