// A set of fiber indices of one run, as bits: insert, erase and membership cost O(1), size is
// kept, and the members come in ascending order (the order decisions list them in), the i-th
// of them and a member's position found by counting bits, a word (64 fibers) at a time. The
// scheduler keeps the runnable fibers and each mutex's waiters so, and a decision's enabled
// set is their union, formed a word at a time rather than a fiber at a time.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <vector>

namespace aion::sim {

class FiberSet {
 public:
  void clear() {
    words_.clear();
    size_ = 0;
  }
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  bool contains(std::uint32_t fiber) const {
    const std::size_t word = fiber / 64;
    return word < words_.size() && (words_[word] >> (fiber % 64) & 1) != 0;
  }
  void insert(std::uint32_t fiber) {
    const std::size_t word = fiber / 64;
    if (word >= words_.size()) words_.resize(word + 1, 0);
    const std::uint64_t bit = std::uint64_t{1} << (fiber % 64);
    if ((words_[word] & bit) == 0) ++size_;
    words_[word] |= bit;
  }
  void erase(std::uint32_t fiber) {
    const std::size_t word = fiber / 64;
    if (word >= words_.size()) return;
    const std::uint64_t bit = std::uint64_t{1} << (fiber % 64);
    if ((words_[word] & bit) != 0) --size_;
    words_[word] &= ~bit;
  }
  // This set together with `other`'s members.
  void add(const FiberSet& other) {
    if (words_.size() < other.words_.size()) words_.resize(other.words_.size(), 0);
    size_ = 0;
    for (std::size_t w = 0; w < words_.size(); ++w) {
      if (w < other.words_.size()) words_[w] |= other.words_[w];
      size_ += static_cast<std::size_t>(std::popcount(words_[w]));
    }
  }

  // The member at `position` (0: the smallest); position < size().
  std::uint32_t operator[](std::size_t position) const {
    for (std::size_t w = 0;; ++w) {
      std::uint64_t bits = words_[w];
      const auto count = static_cast<std::size_t>(std::popcount(bits));
      if (position >= count) {
        position -= count;
        continue;
      }
      for (; position > 0; --position) bits &= bits - 1;
      return static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
    }
  }
  // How many members are smaller than `fiber` (its position, if it is one).
  std::size_t position_of(std::uint32_t fiber) const {
    std::size_t below = 0;
    const std::size_t word = fiber / 64;
    for (std::size_t w = 0; w < word && w < words_.size(); ++w) {
      below += static_cast<std::size_t>(std::popcount(words_[w]));
    }
    if (word < words_.size()) {
      const std::uint64_t lower = (std::uint64_t{1} << (fiber % 64)) - 1;
      below += static_cast<std::size_t>(std::popcount(words_[word] & lower));
    }
    return below;
  }
  std::uint32_t back() const { return (*this)[size_ - 1]; }

  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = std::uint32_t;
    using difference_type = std::ptrdiff_t;
    using pointer = const std::uint32_t*;
    using reference = std::uint32_t;
    iterator(const std::vector<std::uint64_t>* words, std::size_t word)
        : words_(words), word_(word) {
      settle();
    }
    std::uint32_t operator*() const {
      return static_cast<std::uint32_t>(word_ * 64 +
                                        static_cast<std::size_t>(std::countr_zero(bits_)));
    }
    iterator& operator++() {
      bits_ &= bits_ - 1;
      if (bits_ == 0) {
        ++word_;
        settle();
      }
      return *this;
    }
    bool operator==(const iterator& other) const {
      return word_ == other.word_ && bits_ == other.bits_;
    }

   private:
    void settle() {
      bits_ = 0;
      while (word_ < words_->size() && (bits_ = (*words_)[word_]) == 0) ++word_;
    }
    const std::vector<std::uint64_t>* words_;
    std::size_t word_;
    std::uint64_t bits_ = 0;
  };
  iterator begin() const { return iterator(&words_, 0); }
  iterator end() const { return iterator(&words_, words_.size()); }

 private:
  std::vector<std::uint64_t> words_;
  std::size_t size_ = 0;
};

}  // namespace aion::sim
