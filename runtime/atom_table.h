// AtomTable: interns exit-reason atoms. An atom is a small integer naming a
// string for the life of the runtime; interning the same text twice gives the
// same atom. Safe to use from any runtime thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "platform/platform.h"

namespace aion::runtime {

using Atom = std::uint32_t;

class AtomTable {
 public:
  // Atoms every runtime has, interned at construction in this order.
  static constexpr Atom kNormal = 0;
  static constexpr Atom kCancelled = 1;
  static constexpr Atom kShutdown = 2;

  explicit AtomTable(platform::Platform& platform);

  Atom intern(std::string_view text);
  std::string name(Atom atom);
  std::size_t size();

 private:
  std::unique_ptr<platform::Mutex> mutex_;
  std::map<std::string, Atom, std::less<>> by_text_;
  std::vector<std::string> by_atom_;
};

}  // namespace aion::runtime
