// The examples as bodies for aion::sim::check: each runs its program's threads once and
// checks what a correct run must show; kFixed picks the twin.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "examples/bounded_queue.h"
#include "examples/double_checked_init.h"
#include "examples/lock_free_stack.h"
#include "examples/ref_count.h"
#include "examples/rw_lock.h"
#include "platform/std_types.h"
#include "sim/engine/check.h"

namespace examples {

// Two producers and two consumers of two items each, through a queue of one.
template <bool kFixed>
void queue_body() {
  BoundedQueue<kFixed> queue(1);
  aion::atomic<int> taken{0};
  auto produce = [&](int base) {
    for (int i = 0; i < 2; ++i) queue.put(base + i);
  };
  auto consume = [&] {
    for (int i = 0; i < 2; ++i) taken.fetch_add(queue.take());
  };
  aion::thread p1(produce, 10), p2(produce, 20), c1(consume), c2(consume);
  p1.join();
  p2.join();
  c1.join();
  c2.join();
  aion::sim::check(taken.load() == 10 + 11 + 20 + 21, "an item was lost or taken twice");
}

// Two threads get the lazily initialised value.
template <bool kFixed>
void lazy_body() {
  LazyValue<kFixed> lazy;
  auto use = [&] { aion::sim::check(lazy.get() == 42, "read the value before it was set"); };
  aion::thread a(use), b(use);
  a.join();
  b.join();
}

// Two threads release the last two references.
template <bool kFixed>
void ref_count_body() {
  RefCounted<kFixed> object(2);
  aion::thread a([&] { object.release(); }), b([&] { object.release(); });
  a.join();
  b.join();
  aion::sim::check(object.frees() == 1, "the object was not freed exactly once");
}

// Nodes 0, 1, 2 on the stack; one thread pops one, another pops two and pushes the first
// back. Every node must then be in exactly one place: held by a thread or on the stack.
template <bool kFixed>
void stack_body() {
  NodeStack<kFixed> stack(3);
  for (std::uint32_t node = 0; node < 3; ++node) stack.push(node);
  std::uint32_t held_one = NodeStack<kFixed>::kNone, held_two = NodeStack<kFixed>::kNone;
  aion::thread one([&] { held_one = stack.pop(); });
  aion::thread two([&] {
    const std::uint32_t a = stack.pop();
    held_two = stack.pop();
    stack.push(a);
  });
  one.join();
  two.join();
  std::vector<std::uint32_t> places = {held_one, held_two};
  for (std::uint32_t node = stack.pop(); node != NodeStack<kFixed>::kNone && places.size() < 8;
       node = stack.pop()) {
    places.push_back(node);
  }
  std::sort(places.begin(), places.end());
  aion::sim::check(places == std::vector<std::uint32_t>{0, 1, 2},
                   "a node is in two places, or lost (ABA)");
}

// A reader that reads twice under the read lock, and a writer.
template <bool kFixed>
void rw_lock_body() {
  RwLock lock;
  aion::atomic<int> value{0};
  aion::thread reader([&] { read_twice<kFixed>(lock, value); });
  aion::thread writer([&] {
    lock.lock();
    value.store(1);
    lock.unlock();
  });
  reader.join();
  writer.join();
}

}  // namespace examples
