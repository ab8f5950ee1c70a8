#include "sim/lifecycle/run_features.h"

#include <algorithm>

#include "sim/engine/hash.h"
#include "sim/oracle/coverage_marks.h"

namespace aion::lifecycle {
namespace {

enum class Family : std::uint64_t {
  kMark = 1,
  kOpPair,
  kOpEvent,
  kHistory,
  kInterleaving,
  kBroken,
  kOutcome
};

class Collector {
 public:
  void add(Family family, std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t seq) {
    const std::uint64_t h =
        sim::mix64(sim::mix64(sim::mix64(static_cast<std::uint64_t>(family) << 56 ^ a) ^ b) ^ c);
    added_.push_back({static_cast<std::uint32_t>(h % kFeatureSpace), seq});
  }
  // Each feature once, where it was first added, in the order they were first added. A
  // table of the ids seen, open-addressed and at most half full, instead of sorting: this
  // runs after every run of a campaign, and sorting was a fifth of a fuzzing run's time.
  std::vector<Feature> take() {
    std::size_t size = 64;
    while (size < 2 * added_.size()) size *= 2;
    std::vector<std::uint32_t> seen(size, 0);
    std::vector<Feature> features;
    features.reserve(added_.size());
    for (const Feature& feature : added_) {
      // Ids are below kFeatureSpace, so id + 1 never collides with an empty slot's 0.
      std::size_t slot = (feature.id * std::size_t{0x9E3779B1}) & (size - 1);
      while (seen[slot] != 0 && seen[slot] != feature.id + 1) slot = (slot + 1) & (size - 1);
      if (seen[slot] != 0) continue;
      seen[slot] = feature.id + 1;
      features.push_back(feature);
    }
    return features;
  }

 private:
  std::vector<Feature> added_;
};

// An operation's kind and its answer: ok, or which error.
std::uint64_t op_signature(const scenario::OpRecord& op) {
  const std::uint64_t answer =
      op.ok ? 0 : 1 + (op.error ? static_cast<std::uint64_t>(*op.error) : 99);
  return static_cast<std::uint64_t>(op.op.index()) << 8 | answer;
}

std::uint64_t same_process(runtime::Pid a, runtime::Pid b) {
  return a != runtime::kNoPid && a == b ? 1 : 0;
}

std::uint64_t bucket(std::uint64_t count) {
  return count >= 8 ? 3 : count >= 4 ? 2 : count >= 2 ? 1 : 0;
}

}  // namespace

std::vector<Feature> run_features(const CaseResult& result) {
  Collector features;
  const scenario::RunRecord& record = result.record;
  for (std::size_t m = 0; m < oracle::kMarkCount; ++m) {
    if (result.marks.counts[m] > 0) {
      features.add(Family::kMark, m, bucket(result.marks.counts[m]), 0, 0);
    }
  }
  const auto& ops = record.ops;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    for (std::size_t j = 0; j < ops.size(); ++j) {
      if (i == j || ops[i].branch == ops[j].branch) continue;
      const std::uint64_t shared = same_process(ops[i].pid, ops[j].pid) << 1;
      if (ops[i].returned < ops[j].invoked) {
        features.add(Family::kOpPair, op_signature(ops[i]), op_signature(ops[j]), shared,
                     ops[j].invoked);
      } else if (i < j && ops[j].returned >= ops[i].invoked) {
        features.add(Family::kOpPair, op_signature(ops[i]), op_signature(ops[j]), shared | 1,
                     std::max(ops[i].invoked, ops[j].invoked));
      }
    }
  }
  for (const scenario::OpRecord& op : ops) {
    if (op.pid == runtime::kNoPid) continue;
    for (const scenario::Event& event : record.events) {
      if (event.pid != op.pid) continue;
      const std::uint64_t where = event.seq < op.invoked ? 0 : event.seq < op.returned ? 1 : 2;
      features.add(Family::kOpEvent, op_signature(op), static_cast<std::uint64_t>(event.kind),
                   where, std::max(event.seq, op.invoked));
    }
  }
  // Events in record order: each pid's previous one.
  std::vector<std::pair<runtime::Pid, std::uint64_t>> last_kind;
  for (const scenario::Event& event : record.events) {
    auto last = std::find_if(last_kind.begin(), last_kind.end(),
                             [&](const auto& entry) { return entry.first == event.pid; });
    const auto kind = static_cast<std::uint64_t>(event.kind);
    if (last == last_kind.end()) {
      features.add(Family::kHistory, 255, kind, 0, event.seq);
      last_kind.emplace_back(event.pid, kind);
    } else {
      features.add(Family::kHistory, last->second, kind, 0, event.seq);
      last->second = kind;
    }
  }
  // The whole record in order (operations beginning and returning, events), three entries at
  // a time: which things happened next to which, across threads, and which of the three were
  // on one process (only those could observe each other: the same three on three processes
  // are independent work side by side, a different thing to have reached).
  struct Entry {
    std::uint64_t seq;
    std::uint64_t what;
    runtime::Pid pid;
    bool operator<(const Entry& other) const {
      return seq != other.seq ? seq < other.seq : what < other.what;
    }
  };
  std::vector<Entry> entries;
  for (const scenario::OpRecord& op : ops) {
    entries.push_back({op.invoked, op_signature(op) << 2 | 1, op.pid});
    entries.push_back({op.returned, op_signature(op) << 2 | 2, op.pid});
  }
  for (const scenario::Event& event : record.events) {
    entries.push_back({event.seq, static_cast<std::uint64_t>(event.kind) << 2, event.pid});
  }
  std::sort(entries.begin(), entries.end());
  for (std::size_t i = 2; i < entries.size(); ++i) {
    const Entry& a = entries[i - 2];
    const Entry& b = entries[i - 1];
    const Entry& c = entries[i];
    const std::uint64_t shared = same_process(a.pid, b.pid) | same_process(b.pid, c.pid) << 1 |
                                 same_process(a.pid, c.pid) << 2;
    features.add(Family::kInterleaving, a.what, b.what, c.what | shared << 56, c.seq);
  }
  for (const oracle::Invariant invariant : result.all_broken()) {
    features.add(Family::kBroken, static_cast<std::uint64_t>(invariant), 0, 0, 0);
  }
  features.add(Family::kOutcome, static_cast<std::uint64_t>(result.run.outcome), 0, 0, 0);
  return features.take();
}

}  // namespace aion::lifecycle
