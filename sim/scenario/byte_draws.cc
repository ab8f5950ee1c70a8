#include "sim/scenario/byte_draws.h"

namespace aion::scenario {

std::uint64_t ByteDraws::pick(std::uint64_t count) {
  if (count <= 1) return 0;
  std::uint64_t value = 0;
  int shift = 0;
  for (std::uint64_t room = count - 1; room != 0 && shift < 64; room >>= 8, shift += 8) {
    const std::uint64_t byte = next_ < bytes_.size() ? bytes_[next_] : 0;
    ++next_;
    value |= byte << shift;
  }
  return value % count;
}

}  // namespace aion::scenario
