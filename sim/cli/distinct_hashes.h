// Counts distinct 64-bit hashes (of runs' classes) in bounded memory: exactly up to
// `exact_limit` of them (open addressing over the hash bits themselves, about
// 16 bytes per hash), then by a HyperLogLog estimate over 2^14 one-byte
// registers, whose standard error is 1.04 / sqrt(2^14), about 0.8 %. Memory
// therefore stops growing at the limit (16 MiB by default), however long the
// campaign: a campaign of an hour sees tens of millions of hashes.
// What it holds is a function of the set of hashes inserted alone, whatever their order, so
// the union of the sets of campaign shards (merge) is the set of the whole campaign.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace aion::cli {

class DistinctHashes {
 public:
  static constexpr std::uint64_t kExactLimit = 1 << 20;
  static constexpr double kEstimateError = 0.008;

  explicit DistinctHashes(std::uint64_t exact_limit = kExactLimit);

  void insert(std::uint64_t hash);
  // Exact while exact(); an estimate after.
  std::uint64_t size() const;
  bool exact() const { return registers_.empty(); }
  // Bytes held, for the bench.
  std::uint64_t bytes() const;

  // This set together with `other`'s.
  void add(const DistinctHashes& other);
  // As a file's contents, sealed against truncation (failure_file.h), and back; decode
  // throws UsageError naming `where` when the text is not a whole encoding.
  std::string encode() const;
  static DistinctHashes decode(const std::string& text, const std::string& where);

 private:
  bool contains(std::uint64_t hash) const;
  void insert_exactly(std::uint64_t hash);
  void grow();
  void start_estimating();
  void insert_estimate(std::uint64_t hash);

  std::uint64_t exact_limit_;
  std::vector<std::uint64_t> slots_;  // 0 marks an empty slot
  std::uint64_t size_ = 0;
  bool has_zero_ = false;  // the one hash that cannot live in a slot
  std::vector<std::uint8_t> registers_;
};

}  // namespace aion::cli
