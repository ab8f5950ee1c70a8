// A lock-free (Treiber) stack of node indices from a fixed pool. Buggy, the head is the bare
// index: a pop that read head A and its next B, then waited while others popped A and B and
// pushed A back, finds the head A again and swings it to B, a node no longer in the stack
// (ABA). Fixed, the head carries a count of its changes beside the index, so the
// compare-exchange sees that A is not the A it read.
#pragma once

#include <cstdint>
#include <vector>

#include "platform/std_types.h"

namespace examples {

template <bool kFixed>
class NodeStack {
 public:
  static constexpr std::uint32_t kNone = 0xffffffff;

  explicit NodeStack(std::size_t nodes) : next_(nodes) {
    for (auto& next : next_) next.store(kNone);
  }

  void push(std::uint32_t node) {
    std::uint64_t head = head_.load();
    do {
      next_[node].store(index(head));
    } while (!head_.compare_exchange_weak(head, replaced(head, node)));
  }
  // kNone when empty.
  std::uint32_t pop() {
    std::uint64_t head = head_.load();
    while (index(head) != kNone) {
      const std::uint32_t next = next_[index(head)].load();
      if (head_.compare_exchange_weak(head, replaced(head, next))) return index(head);
    }
    return kNone;
  }

 private:
  static std::uint32_t index(std::uint64_t head) { return static_cast<std::uint32_t>(head); }
  static std::uint64_t replaced(std::uint64_t head, std::uint32_t node) {
    const std::uint64_t changes = kFixed ? (head >> 32) + 1 : 0;
    return changes << 32 | node;
  }

  aion::atomic<std::uint64_t> head_{kNone};
  std::vector<aion::atomic<std::uint32_t>> next_;
};

}  // namespace examples
