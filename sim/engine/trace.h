// Trace events of a simulation run and the running hash that fingerprints them.
//
// Every event is folded into a 64-bit hash as it happens; the hash is built from content only
// (names as text, never addresses), so the same program, seed and strategy give the same hash
// in every process. Keeping the events themselves is optional per run (RunOptions::
// record_trace); the hash is always on.
//
// An event says who did what at which step and virtual time:
// - operation events (lock, unlock, wait, notify_one, notify_all, start_thread, join, sleep,
//   now, yield) are the scheduling points: the acting fiber reached that platform call;
// - start_failed: a thread start that failed (injected fault); the new name is the object;
// - switch: the scheduler resumed `fiber` after `object` stopped, for `reason`;
// - timer: virtual time reached a deadline that woke `fiber` (object: the condvar it waited on,
//   empty for a sleep);
// - fault: an injected fault fired; object is the site name, subject its parameter;
// - finish: the fiber's body returned (or threw);
// - note: the program marked an event of its own (Platform::note); object is what it named.
//   Not a scheduling point: it carries the step of the point before it.
// `subject` carries the Subject of a yield point or a note, the duration of a sleep in ns, or
// the parameter of a fault; 0 otherwise.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "platform/platform.h"
#include "sim/engine/hash.h"

namespace aion::sim {

enum class Op : std::uint8_t {
  kLock,
  kUnlock,
  kWait,
  kNotifyOne,
  kNotifyAll,
  kStartThread,
  kStartFailed,
  kJoin,
  kSleep,
  kNow,
  kYield,
  kSwitch,
  kTimer,
  kFault,
  kFinish,
  kNote,
  kRead,   // an access point that reads a named object
  kWrite,  // an access point that writes one
};

enum class SwitchReason : std::uint8_t {
  kNone,       // not a switch event
  kPreempted,  // the previous fiber could have run on
  kBlocked,    // the previous fiber blocked (lock, wait, join, sleep)
  kFinished,   // the previous fiber's body returned
  kYield,      // the previous fiber was made to yield (extra_yield fault)
  kTimer,      // nothing could run until virtual time moved to a deadline
};

std::string_view op_name(Op op);
std::string_view switch_reason_name(SwitchReason reason);

struct Event {
  std::uint64_t step = 0;
  platform::Nanos time = 0;
  std::uint32_t fiber = 0;  // index of the acting fiber: creation order in the run, main is 0
  std::string fiber_name;
  Op op = Op::kYield;
  std::string object;  // mutex, condvar, thread, yield site or fault site; may be empty
  platform::Subject subject = 0;
  SwitchReason reason = SwitchReason::kNone;

  friend bool operator==(const Event&, const Event&) = default;
};

using Trace = std::vector<Event>;

// The running fingerprint. Callers pass pre-hashed names (hash_text) so that names hashed
// once, at creation, cost nothing per event.
class TraceHash {
 public:
  void add(std::uint64_t step, platform::Nanos time, std::uint32_t fiber,
           std::uint64_t fiber_name_hash, Op op, std::uint64_t object_hash,
           platform::Subject subject, SwitchReason reason) {
    // Three independent products feed three dependent folds: cheap enough for every event.
    const std::uint64_t tags = static_cast<std::uint64_t>(op) |
                               (static_cast<std::uint64_t>(reason) << 8) |
                               (static_cast<std::uint64_t>(fiber) << 16);
    const std::uint64_t when = step * 0xd6e8feb86659fd93ULL ^ static_cast<std::uint64_t>(time);
    const std::uint64_t who = fiber_name_hash ^ tags * 0xa0761d6478bd642fULL;
    const std::uint64_t what = object_hash ^ subject * 0xe7037ed1a0b428dbULL;
    state_ = fold(fold(fold(state_, when), who), what);
  }
  std::uint64_t value() const { return mix64(state_); }
  void reset() { state_ = kSeed; }

 private:
  static constexpr std::uint64_t kSeed = 0x6a09e667f3bcc908ULL;
  std::uint64_t state_ = kSeed;
};

}  // namespace aion::sim
