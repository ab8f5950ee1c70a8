#include "sim/classic/classic_programs.h"

#include <algorithm>
#include <memory>
#include <string>
#include <utility>

#include "sim/engine/check.h"

namespace aion::classic {
namespace {

using platform::Access;
using platform::LockGuard;
using platform::Platform;
using sim::check;

// Starts `count` threads running `body(index)` and joins them.
void run_threads(Platform& p, int count, const std::function<void(int)>& body) {
  std::vector<std::unique_ptr<platform::Thread>> threads;
  for (int i = 0; i < count; ++i) {
    auto started = p.start_thread("t" + std::to_string(i), [&body, i] { body(i); });
    if (started.thread) threads.push_back(std::move(started.thread));
  }
  for (auto& thread : threads) thread->join();
}

// A consumer tests the condition before it takes the lock, so a signal sent in between is
// lost and it waits forever. Fixed: test and wait under the lock, in a loop.
Program lost_signal(bool fixed) {
  return [fixed](Platform& p) {
    auto mutex = p.new_mutex("ready.mutex");
    auto ready_set = p.new_condvar("ready.set");
    bool ready = false;
    run_threads(p, 2, [&](int i) {
      if (i == 0) {
        if (fixed) {
          LockGuard lock(*mutex);
          while (!ready) ready_set->wait(*mutex);
          return;
        }
        p.access("ready", Access::kRead);
        if (ready) return;
        LockGuard lock(*mutex);
        ready_set->wait(*mutex);
        return;
      }
      LockGuard lock(*mutex);
      p.access("ready", Access::kWrite);
      ready = true;
      ready_set->notify_all();
    });
  };
}

// Two threads take two locks in opposite orders. Fixed: one order for both.
Program lock_order(bool fixed) {
  return [fixed](Platform& p) {
    auto first = p.new_mutex("accounts.a");
    auto second = p.new_mutex("accounts.b");
    run_threads(p, 2, [&](int i) {
      platform::Mutex& outer = (i == 0 || fixed) ? *first : *second;
      platform::Mutex& inner = (i == 0 || fixed) ? *second : *first;
      LockGuard a(outer);
      LockGuard b(inner);
    });
  };
}

// Two threads check that a slot is free, then take it: both can see it free. Fixed: check and
// take under one lock.
Program check_then_act(bool fixed) {
  return [fixed](Platform& p) {
    auto mutex = p.new_mutex("slot.mutex");
    int owner = -1;
    int takers = 0;
    run_threads(p, 2, [&](int i) {
      std::unique_ptr<LockGuard> lock;
      if (fixed) lock = std::make_unique<LockGuard>(*mutex);
      p.access("slot", Access::kRead);
      if (owner != -1) return;
      p.access("slot", Access::kWrite);
      owner = i;
      ++takers;
    });
    check(takers == 1, "two threads took the slot");
  };
}

// A pair (low, high) must stay equal; the writer updates each under its own lock and the
// reader reads each under its own lock, so it can see one updated and not the other. Fixed:
// one critical section for both writes and one for both reads.
Program torn_pair(bool fixed) {
  return [fixed](Platform& p) {
    auto low_mutex = p.new_mutex("pair.low");
    auto high_mutex = p.new_mutex("pair.high");
    int low = 0, high = 0;
    // Under the pair's lock (fixed), or each half under its own.
    auto guarded = [&](platform::Mutex& half, const std::function<void()>& body) {
      if (fixed) return body();
      LockGuard lock(half);
      body();
    };
    run_threads(p, 2, [&](int i) {
      std::unique_ptr<LockGuard> pair;
      if (fixed) pair = std::make_unique<LockGuard>(*low_mutex);
      if (i == 0) {
        guarded(*low_mutex, [&] { low = 1; });
        guarded(*high_mutex, [&] { high = 1; });
        return;
      }
      int seen_low = 0, seen_high = 0;
      guarded(*low_mutex, [&] { seen_low = low; });
      guarded(*high_mutex, [&] { seen_high = high; });
      check(seen_low == seen_high, "the reader saw a torn pair");
    });
  };
}

// A bounded buffer of one slot with two producers and two consumers that wait with `if`
// instead of `while` and wake one waiter: a woken consumer can find the slot empty. Fixed:
// wait in a loop, wake all.
Program bounded_buffer(bool fixed) {
  return [fixed](Platform& p) {
    auto mutex = p.new_mutex("buffer.mutex");
    auto changed = p.new_condvar("buffer.changed");
    int items = 0;
    run_threads(p, 4, [&](int i) {
      const bool producer = i < 2;
      LockGuard lock(*mutex);
      if (producer) {
        if (fixed) {
          while (items == 1) changed->wait(*mutex);
        } else if (items == 1) {
          changed->wait(*mutex);
        }
        check(items == 0, "a producer overfilled the buffer");
        ++items;
      } else {
        if (fixed) {
          while (items == 0) changed->wait(*mutex);
        } else if (items == 0) {
          changed->wait(*mutex);
        }
        check(items == 1, "a consumer took from an empty buffer");
        --items;
      }
      if (fixed) {
        changed->notify_all();
      } else {
        changed->notify_one();
      }
    });
  };
}

// Six threads add one each to a counter with a read and a write that are not one step: the
// count is lost only when every read comes before every write, all six lined up. Fixed: the
// read and the write under a lock.
Program all_line_up(bool fixed) {
  return [fixed](Platform& p) {
    constexpr int kThreads = 6;
    auto mutex = p.new_mutex("counter.mutex");
    int counter = 0;
    run_threads(p, kThreads, [&](int) {
      std::unique_ptr<LockGuard> lock;
      if (fixed) lock = std::make_unique<LockGuard>(*mutex);
      p.access("counter", Access::kRead);
      const int seen = counter;
      p.yield_point("counter.add");
      p.access("counter", Access::kWrite);
      counter = seen + 1;
    });
    check(counter > 1, "every thread read the counter before any wrote it");
  };
}

// A worker does 40 locked steps; at step 30 alone it leaves a window between reading a flag
// and acting on it, and a stopper that sets the flag once must land in that window. Fixed:
// the window is under the lock.
Program deep_window(bool fixed) {
  return [fixed](Platform& p) {
    auto mutex = p.new_mutex("work.mutex");
    bool stop = false;
    bool acted_while_stopped = false;
    run_threads(p, 2, [&](int i) {
      if (i == 1) {
        p.yield_point("stopper.start");
        LockGuard lock(*mutex);
        p.access("stop", Access::kWrite);
        stop = true;
        return;
      }
      for (int step = 0; step < 40; ++step) {
        LockGuard lock(*mutex);
        if (step != 30) continue;
        p.access("stop", Access::kRead);
        const bool stopping = stop;
        if (!fixed) {
          mutex->unlock();
          p.yield_point("worker.window");
          mutex->lock();
        }
        p.access("stop", Access::kRead);
        acted_while_stopped = !stopping && stop;
      }
    });
    check(!acted_while_stopped, "the worker acted on a flag that changed under it");
  };
}

// Eight philosophers at a round table, a fork between each two: each takes the fork on its
// left, then the one on its right, so when all eight hold their left fork none can go on.
// Fixed: the last takes its right fork first, one order of the forks for all.
Program dining_philosophers(bool fixed) {
  return [fixed](Platform& p) {
    constexpr int kPhilosophers = 8;
    std::vector<std::unique_ptr<platform::Mutex>> forks;
    for (int f = 0; f < kPhilosophers; ++f)
      forks.push_back(p.new_mutex("fork" + std::to_string(f)));
    std::vector<bool> ate(kPhilosophers, false);
    run_threads(p, kPhilosophers, [&](int i) {
      platform::Mutex* left = forks[static_cast<std::size_t>(i)].get();
      platform::Mutex* right = forks[static_cast<std::size_t>((i + 1) % kPhilosophers)].get();
      if (fixed && i == kPhilosophers - 1) std::swap(left, right);
      LockGuard first(*left);
      LockGuard second(*right);
      ate[static_cast<std::size_t>(i)] = true;
    });
    check(std::count(ate.begin(), ate.end(), true) == kPhilosophers, "a philosopher did not eat");
  };
}

}  // namespace

const std::vector<ClassicProgram>& classic_programs() {
  static const std::vector<ClassicProgram> programs = {
      {"lost-signal", "the condition is tested before the lock: a signal in between is lost",
       lost_signal(false), lost_signal(true)},
      {"lock-order", "two locks taken in opposite orders deadlock", lock_order(false),
       lock_order(true)},
      {"check-then-act", "two threads both see a free slot and both take it", check_then_act(false),
       check_then_act(true)},
      {"torn-pair", "a pair kept equal under two locks is read half updated", torn_pair(false),
       torn_pair(true)},
      {"bounded-buffer", "if instead of while, notify_one: a woken consumer finds it empty",
       bounded_buffer(false), bounded_buffer(true)},
      {"all-line-up", "six non-atomic increments lose all but one only when all line up",
       all_line_up(false), all_line_up(true)},
      {"deep-window", "one window in step 30 of 40 that a single other write must hit",
       deep_window(false), deep_window(true)},
      {"philosophers", "eight philosophers each holding the left fork wait for the right",
       dining_philosophers(false), dining_philosophers(true)},
  };
  return programs;
}

}  // namespace aion::classic
