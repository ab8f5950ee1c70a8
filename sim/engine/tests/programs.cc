#include "sim/engine/tests/programs.h"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "sim/engine/check.h"

namespace aion::sim::testing {

Program lost_wakeup(bool fixed) {
  return [fixed](platform::Platform& p) {
    auto mutex = p.new_mutex("flag.mutex");
    auto flag_set = p.new_condvar("flag.set");
    std::atomic<bool> flag{false};
    auto waiter = p.start_thread("waiter", [&] {
      if (fixed) {
        platform::LockGuard lock(*mutex);
        while (!flag) flag_set->wait(*mutex);
        return;
      }
      if (!flag) {
        platform::LockGuard lock(*mutex);
        flag_set->wait(*mutex);
      }
    });
    auto setter = p.start_thread("setter", [&] {
      platform::LockGuard lock(*mutex);
      flag = true;
      flag_set->notify_one();
    });
    waiter.thread->join();
    setter.thread->join();
  };
}

Program one_yield_thread() {
  return [](platform::Platform& p) {
    auto a = p.start_thread("a", [&p] { p.yield_point("a.step"); });
    a.thread->join();
  };
}

Program yielders(int threads, int yields) {
  return [threads, yields](platform::Platform& p) {
    std::vector<std::unique_ptr<platform::Thread>> started;
    for (int t = 0; t < threads; ++t) {
      auto start = p.start_thread("t" + std::to_string(t), [&p, yields] {
        for (int i = 0; i < yields; ++i) p.yield_point("step");
      });
      // A start fails once the run is over (teardown).
      if (start.thread) started.push_back(std::move(start.thread));
    }
    for (auto& thread : started) thread->join();
  };
}

Program locked_counter(int rounds) {
  return [rounds](platform::Platform& p) {
    auto mutex = p.new_mutex("counter.mutex");
    int counter = 0;
    int inside = 0;
    const auto body = [&] {
      for (int i = 0; i < rounds; ++i) {
        platform::LockGuard lock(*mutex);
        check(++inside == 1, "two threads inside the critical section");
        const int seen = counter;
        p.yield_point("counter.between_read_and_write");
        counter = seen + 1;
        --inside;
      }
    };
    auto a = p.start_thread("incrementer-a", body);
    auto b = p.start_thread("incrementer-b", body);
    a.thread->join();
    b.thread->join();
    check(counter == 2 * rounds, "lost an increment");
  };
}

Program contended_mutex(int threads, int rounds) {
  return [threads, rounds](platform::Platform& p) {
    auto mutex = p.new_mutex("contended.mutex");
    int entries = 0;
    const auto body = [&] {
      for (int i = 0; i < rounds; ++i) {
        platform::LockGuard lock(*mutex);
        ++entries;
        p.yield_point("contended.inside");
      }
    };
    std::vector<std::unique_ptr<platform::Thread>> started;
    for (int t = 0; t < threads; ++t) {
      auto start = p.start_thread("contender-" + std::to_string(t), body);
      if (start.thread) started.push_back(std::move(start.thread));
    }
    for (auto& thread : started) thread->join();
    check(entries == threads * rounds, "lost an entry");
  };
}

Program threads_running(int threads, std::function<void(platform::Platform&, int)> body) {
  return [threads, body](platform::Platform& p) {
    std::vector<std::unique_ptr<platform::Thread>> started;
    for (int i = 0; i < threads; ++i) {
      started.push_back(
          p.start_thread("t" + std::to_string(i), [&p, body, i] { body(p, i); }).thread);
    }
    for (auto& thread : started) thread->join();
  };
}

std::uint64_t binomial(std::uint64_t n, std::uint64_t k) {
  std::uint64_t result = 1;
  for (std::uint64_t i = 1; i <= k; ++i) result = result * (n - k + i) / i;
  return result;
}

}  // namespace aion::sim::testing
