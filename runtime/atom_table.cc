#include "runtime/atom_table.h"

namespace aion::runtime {

AtomTable::AtomTable(platform::Platform& platform) : mutex_(platform.new_mutex("runtime.atoms")) {
  for (const char* text : {"normal", "cancelled", "shutdown"}) {
    by_text_.emplace(text, static_cast<Atom>(by_atom_.size()));
    by_atom_.emplace_back(text);
  }
}

Atom AtomTable::intern(std::string_view text) {
  platform::LockGuard lock(*mutex_);
  if (auto found = by_text_.find(text); found != by_text_.end()) return found->second;
  const auto atom = static_cast<Atom>(by_atom_.size());
  by_text_.emplace(std::string(text), atom);
  by_atom_.emplace_back(text);
  return atom;
}

std::string AtomTable::name(Atom atom) {
  platform::LockGuard lock(*mutex_);
  return atom < by_atom_.size() ? by_atom_[atom] : "<unknown atom>";
}

std::size_t AtomTable::size() {
  platform::LockGuard lock(*mutex_);
  return by_atom_.size();
}

}  // namespace aion::runtime
