// Fiber stacks: mmap'd, each with a PROT_NONE guard page below it (stacks grow down, so an
// overflow faults instead of corrupting a neighbour), and pooled: a released stack is handed
// out again by the next acquire, in this run or a later one, and only unmapped when the pool
// is destroyed. Memory therefore stays flat over any number of runs; it grows only with the
// largest number of fibers alive at once.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace aion::sim {

struct Stack {
  void* base = nullptr;  // lowest usable address, just above the guard page
  std::size_t size = 0;  // usable bytes

  void* top() const { return static_cast<char*>(base) + size; }
};

class StackPool {
 public:
  // `stack_size` is rounded up to whole pages.
  explicit StackPool(std::size_t stack_size);
  ~StackPool();
  StackPool(const StackPool&) = delete;
  StackPool& operator=(const StackPool&) = delete;

  // A stack from the pool, or a new mapping; nullopt when the system refuses the memory.
  std::optional<Stack> acquire();
  void release(Stack stack);

  std::size_t stack_size() const { return stack_size_; }
  std::size_t mapped() const { return mapped_; }

 private:
  std::size_t page_size_;
  std::size_t stack_size_;
  std::size_t mapped_ = 0;
  std::vector<Stack> free_;
};

}  // namespace aion::sim
