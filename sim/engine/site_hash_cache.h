// Content hashes of yield-point site names, memoized by the literal's address.
//
// Sites are string literals (platform.h), so the same pointer always holds the same text. The
// cache only saves re-hashing: the value returned is always hash_text of the content, so traces
// stay independent of addresses; a slot taken by another literal just costs a rehash.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "sim/engine/hash.h"

namespace aion::sim::detail {

class SiteHashCache {
 public:
  std::uint64_t hash(const char* site) {
    if (site == nullptr) return hash_text({});
    Slot& slot = slots_[(reinterpret_cast<std::uintptr_t>(site) >> 3) % slots_.size()];
    if (slot.site != site) {
      slot.site = site;
      slot.hash = hash_text(site);
    }
    return slot.hash;
  }

 private:
  struct Slot {
    const char* site = nullptr;
    std::uint64_t hash = 0;
  };
  std::array<Slot, 64> slots_{};
};

}  // namespace aion::sim::detail
