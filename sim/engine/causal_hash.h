// A run's equivalence class (its Mazurkiewicz trace) as a 64-bit hash, kept as the run goes.
//
// An event is what a fiber does that takes effect: a lock taken, an unlock, a wait begun, a
// notify, a thread started or finished, a join, a timer's wake-up, a time read, an access to
// a named object, a yield point, a note, a fault. It is identified by its fiber (a hash of
// where the fiber was started: its parent's identity and the place of the start in the
// parent's order, so not by creation order) and its place in that fiber's program order. An
// event on an object depends on the object's last write before it and, for a write, on the
// reads since: lock, unlock, wait and notify write their mutex or condvar, a start and a
// finish write their thread, a join reads it, a timer's wake-up writes the clock and a time
// read reads it, and a note writes the program's history (notes are in one order, which
// oracles read). The class hash is the sum of each event's hash over its identity, kind,
// object and dependencies: two runs that differ only in the order of independent events have
// the same events with the same dependencies, whatever their order, so the same hash; a
// reordering of two dependent events changes what one of them depends on.
#pragma once

#include <cstdint>

#include "sim/engine/hash.h"
#include "sim/engine/trace.h"

namespace aion::sim::detail {

// What an object's events so far mean to the next one.
struct ObjectHistory {
  std::uint64_t last_write = 0;   // identity of the last write (0: none yet)
  std::uint64_t reads_since = 0;  // sum of the mixed identities of the reads since it

  void reset() { *this = {}; }
};

// A fiber as the class sees it.
struct CausalFiber {
  std::uint64_t identity = 0;
  std::uint64_t events = 0;  // its events so far

  // The identity of a fiber started by `parent`'s next event.
  static std::uint64_t child_of(const CausalFiber& parent) {
    return mix64(parent.identity ^ mix64(parent.events + 0x632be59bd9b4e019ULL));
  }
};

enum class Footprint : std::uint8_t { kLocal, kRead, kWrite };

class CausalHash {
 public:
  static constexpr std::uint64_t kMainIdentity = 0x9e3779b97f4a7c15ULL;

  void reset() { sum_ = 0; }
  std::uint64_t value() const { return sum_; }

  // Adds the fiber's next event; `object` is null for a local one (no other fiber's event
  // depends on it, nor it on theirs, beyond program order).
  // Cheap enough for every scheduling point: one mix for a local event, two for a write, three
  // for a read. An event's identity is its fiber's plus its place (unique while fibers'
  // identities are); what goes into the sum is mixed, so no order of addition shows.
  void add(CausalFiber& fiber, Op op, std::uint64_t detail, ObjectHistory* object,
           Footprint footprint) {
    const std::uint64_t id = fiber.identity + ++fiber.events * 0xbf58476d1ce4e5b9ULL;
    const std::uint64_t what =
        id ^ (static_cast<std::uint64_t>(op) << 56) ^ (detail * 0x94d049bb133111ebULL);
    if (object == nullptr) {
      sum_ += mix64(what);
      return;
    }
    std::uint64_t depends = object->last_write;
    if (footprint == Footprint::kWrite) {
      depends ^= object->reads_since;
      object->last_write = id;
      object->reads_since = 0;
    } else {
      object->reads_since += mix64(id);
    }
    sum_ += mix64(mix64(what) + depends * 0xd6e8feb86659fd93ULL);
  }

 private:
  std::uint64_t sum_ = 0;
};

}  // namespace aion::sim::detail
