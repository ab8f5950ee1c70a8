// The hash and history of a named object (Platform::access), memoized by where its name lives.
//
// A program names an object with the same string for as long as the object lives (an
// aion::atomic keeps its name), so an access point can skip hashing the name and looking up its
// history when the name at that address is still the same text. The text is compared, never
// trusted from the address alone, so a name freed and another written at its address is looked
// up afresh: the values returned depend on the content only, never on addresses. Cleared with
// the histories, at the start of every run.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace aion::sim::detail {

template <typename History>
class NamedObjectCache {
 public:
  struct Entry {
    std::uint64_t hash = 0;
    History* history = nullptr;
  };

  // `lookup(name)` gives the entry when the slot does not hold it.
  template <typename Lookup>
  Entry find(std::string_view name, Lookup&& lookup) {
    Slot& slot = slots_[(reinterpret_cast<std::uintptr_t>(name.data()) >> 4) % slots_.size()];
    if (!slot.valid || slot.data != name.data() || std::string_view(slot.name) != name) {
      slot.valid = true;
      slot.data = name.data();
      slot.name.assign(name);
      slot.entry = lookup(name);
    }
    return slot.entry;
  }

  void clear() {
    for (Slot& slot : slots_) slot.valid = false;
  }

 private:
  struct Slot {
    bool valid = false;  // false after clear(): its history belonged to an earlier run
    const char* data = nullptr;
    std::string name;
    Entry entry;
  };
  std::array<Slot, 64> slots_{};
};

}  // namespace aion::sim::detail
