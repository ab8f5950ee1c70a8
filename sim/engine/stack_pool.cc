#include "sim/engine/stack_pool.h"

#include <sys/mman.h>
#include <unistd.h>

#include "sim/engine/sanitizers.h"

#if AION_SIM_ASAN
#include <sanitizer/asan_interface.h>
#endif

namespace aion::sim {

StackPool::StackPool(std::size_t stack_size)
    : page_size_(static_cast<std::size_t>(sysconf(_SC_PAGESIZE))),
      stack_size_((stack_size + page_size_ - 1) / page_size_ * page_size_) {
  free_.reserve(64);
}

StackPool::~StackPool() {
  // Only free stacks can be unmapped; the owner returns every stack before destroying the pool.
  for (const Stack& stack : free_) {
    munmap(static_cast<char*>(stack.base) - page_size_, stack.size + page_size_);
  }
}

std::optional<Stack> StackPool::acquire() {
  if (!free_.empty()) {
    const Stack stack = free_.back();
    free_.pop_back();
#if AION_SIM_ASAN
    // A fiber that finished never returned from its outermost frames; their redzones are
    // still poisoned and would trip the next fiber using this memory.
    ASAN_UNPOISON_MEMORY_REGION(stack.base, stack.size);
#endif
    return stack;
  }
  const std::size_t total = stack_size_ + page_size_;
  void* mapping = mmap(nullptr, total, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
  if (mapping == MAP_FAILED) return std::nullopt;
  if (mprotect(mapping, page_size_, PROT_NONE) != 0) {
    munmap(mapping, total);
    return std::nullopt;
  }
  ++mapped_;
  free_.reserve(mapped_);
  return Stack{static_cast<char*>(mapping) + page_size_, stack_size_};
}

void StackPool::release(Stack stack) { free_.push_back(stack); }

}  // namespace aion::sim
