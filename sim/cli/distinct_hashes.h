// Counts distinct 64-bit trace hashes exactly, in about 16 bytes per hash (a
// campaign of an hour sees tens of millions): open addressing over the hash
// bits themselves, which the trace hash already mixes well.
#pragma once

#include <cstdint>
#include <vector>

namespace aion::cli {

class DistinctHashes {
 public:
  DistinctHashes();

  // True when `hash` was not seen before.
  bool insert(std::uint64_t hash);
  std::uint64_t size() const { return size_; }

 private:
  void grow();

  std::vector<std::uint64_t> slots_;  // 0 marks an empty slot
  std::uint64_t size_ = 0;
  bool has_zero_ = false;  // the one hash that cannot live in a slot
};

}  // namespace aion::cli
