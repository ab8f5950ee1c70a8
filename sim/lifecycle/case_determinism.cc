#include "sim/lifecycle/case_determinism.h"

#include <algorithm>
#include <sstream>

#include "sim/engine/hash.h"
#include "sim/engine/timeline.h"
#include "sim/lifecycle/record_text.h"

namespace aion::lifecycle {
namespace {

std::uint64_t fold_text(std::uint64_t hash, const std::string& text) {
  return sim::fold(hash, sim::hash_text(text));
}

// The first entry in which two records differ, in the scenario's words.
std::string record_difference(const scenario::RunRecord& a, const scenario::RunRecord& b) {
  const RecordText first(a), second(b);
  const std::size_t events = std::min(a.events.size(), b.events.size());
  for (std::size_t i = 0; i < events; ++i) {
    const std::string left = first.event(a.events[i]), right = second.event(b.events[i]);
    if (left != right || a.events[i].seq != b.events[i].seq ||
        a.threads[a.events[i].thread] != b.threads[b.events[i].thread]) {
      return "lifecycle event " + std::to_string(i) + " differs:\n  first run:  " + left + " (on " +
             a.threads[a.events[i].thread] + ")\n  second run: " + right + " (on " +
             b.threads[b.events[i].thread] + ")";
    }
  }
  if (a.events.size() != b.events.size()) {
    return "one run records " + std::to_string(a.events.size()) + " lifecycle events, the other " +
           std::to_string(b.events.size());
  }
  const std::size_t ops = std::min(a.ops.size(), b.ops.size());
  for (std::size_t i = 0; i < ops; ++i) {
    const std::string left = first.returned(a.ops[i]), right = second.returned(b.ops[i]);
    if (left != right) {
      return "operation " + std::to_string(i) + " differs:\n  first run:  " + left +
             "\n  second run: " + right;
    }
  }
  return "the records differ in what the runtime held at quiescence or after shutdown";
}

constexpr int kTracedAttempts = 4;

// One side of a trace difference; a note also says which record entry it stands for.
std::string side(const sim::Event& event, const RecordText& text) {
  std::string line = sim::render_event(event);
  if (event.op == sim::Op::kNote) {
    if (const auto entry = text.entry(event.subject)) line += " -- " + entry->text;
  }
  return line;
}

// The first event at which two traced runs part, or "" when their traces are equal.
std::string trace_difference(const CaseResult& one, const CaseResult& two) {
  const sim::Trace& a = one.run.trace;
  const sim::Trace& b = two.run.trace;
  const RecordText first(one.record), second(two.record);
  const std::size_t common = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < common; ++i) {
    if (a[i] == b[i]) continue;
    return "event " + std::to_string(i) + " differs:\n  first run:  " + side(a[i], first) +
           "\n  second run: " + side(b[i], second);
  }
  if (a.size() == b.size()) return {};
  const bool first_longer = a.size() > b.size();
  return "the " + std::string(first_longer ? "second" : "first") + " run ends after " +
         std::to_string(common) + " events; the other goes on with:\n  " +
         (first_longer ? side(a[common], first) : side(b[common], second));
}

}  // namespace

std::uint64_t record_digest(const scenario::RunRecord& record) {
  const RecordText text(record);
  std::uint64_t hash = 0x243f6a8885a308d3ULL;
  for (const auto& event : record.events) {
    hash = sim::fold(hash, event.seq);
    hash = fold_text(hash, text.event(event));
    hash = fold_text(hash, record.threads[event.thread]);
    hash = sim::fold(hash, event.mutexes_held);
  }
  for (const auto& op : record.ops) {
    hash = sim::fold(sim::fold(hash, op.invoked), op.returned);
    hash = fold_text(hash, text.returned(op));
  }
  std::ostringstream counts;
  counts << record.at_quiescence << record.after_shutdown;
  return fold_text(hash, counts.str());
}

std::string nondeterminism(CaseRunner& runner, const LifecycleCase& c, const CaseOptions& options,
                           const CaseResult& first) {
  const CaseResult again = runner.run(c, options);
  if (again.run.trace_hash == first.run.trace_hash &&
      record_digest(again.record) == record_digest(first.record)) {
    return {};
  }
  // Nondeterminism need not show in every pair of runs (state shared with other
  // threads, say): a few traced runs look for a pair that parts.
  CaseOptions traced = options;
  traced.record_trace = true;
  const CaseResult one = runner.run(c, traced);
  std::string where;
  for (int attempt = 0; attempt < kTracedAttempts && where.empty(); ++attempt) {
    const CaseResult two = runner.run(c, traced);
    where = trace_difference(one, two);
    if (where.empty() && record_digest(one.record) != record_digest(two.record)) {
      where = record_difference(one.record, two.record);
    }
  }
  if (where.empty()) {
    where = std::to_string(kTracedAttempts + 1) + " traced runs did not reproduce the difference";
  }
  std::ostringstream text;
  text << "the same case ran twice and the runs parted (trace hashes " << std::hex
       << first.run.trace_hash << " and " << again.run.trace_hash << std::dec << "): " << where;
  return text.str();
}

}  // namespace aion::lifecycle
