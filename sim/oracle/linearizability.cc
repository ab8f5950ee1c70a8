#include "sim/oracle/linearizability.h"

#include <algorithm>
#include <string>
#include <unordered_set>
#include <vector>

#include "sim/scenario/scenario_text.h"

namespace aion::oracle {
namespace {

using runtime::ErrorKind;
using runtime::Pid;
using scenario::EventKind;

// Searches beyond this many steps are abandoned as inconclusive (not failed):
// the check is an oracle for small scenarios.
constexpr std::size_t kSearchBudget = 200'000;
constexpr std::size_t kMaxItems = 400;

// The search keeps models by a 64-bit digest; a collision could only prune a
// path, and at these sizes (a few thousand models a run) it does not happen.
constexpr std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

struct ProcessModel {
  bool spawned = false;
  bool live = false;  // in the live table
  bool exited = false;
  bool monitored = false;
  bool consumed = false;
  std::vector<runtime::Correlation> retained;  // sorted; a few at most
  const runtime::ExitRecord* exit = nullptr;

  bool retains(runtime::Correlation c) const {
    return std::binary_search(retained.begin(), retained.end(), c);
  }
  void retain(runtime::Correlation c) {
    retained.insert(std::lower_bound(retained.begin(), retained.end(), c), c);
  }
  bool take(runtime::Correlation c) {
    const auto found = std::lower_bound(retained.begin(), retained.end(), c);
    if (found == retained.end() || *found != c) return false;
    retained.erase(found);
    return true;
  }
};

// Copied at every step of the search, so kept flat: pids in a sorted vector.
struct Model {
  std::vector<std::pair<Pid, ProcessModel>> pids;
  bool shut_down = false;
  std::size_t tombstone_capacity = 1;
  std::vector<Pid> tombstones;  // oldest first

  ProcessModel& at(Pid pid) {
    const auto found = std::lower_bound(pids.begin(), pids.end(), pid,
                                        [](const auto& entry, Pid p) { return entry.first < p; });
    if (found != pids.end() && found->first == pid) return found->second;
    return pids.insert(found, {pid, ProcessModel{}})->second;
  }

  std::uint64_t fingerprint() const {
    std::uint64_t hash = mix(shut_down ? 1 : 2);
    for (const auto& [pid, p] : pids) {
      const std::uint64_t flags = (p.spawned ? 1 : 0) | (p.live ? 2 : 0) | (p.exited ? 4 : 0) |
                                  (p.monitored ? 8 : 0) | (p.consumed ? 16 : 0);
      hash = mix(hash ^ pid * 0x9e3779b97f4a7c15ULL ^ flags);
      for (const auto c : p.retained) hash = mix(hash ^ c);
    }
    for (const Pid pid : tombstones) hash = mix(hash + pid);
    return hash;
  }
};

struct Item {
  std::uint64_t invoked = 0;
  std::uint64_t returned = 0;
  const scenario::OpRecord* op = nullptr;
  const scenario::Event* event = nullptr;
};

// What the model answers: success, or the error kinds it would accept.
struct Answer {
  bool ok = false;
  std::vector<ErrorKind> errors;
};

std::string describe_answer(const Answer& answer) {
  std::string text;
  if (answer.ok) text = "ok";
  for (ErrorKind kind : answer.errors)
    text += (text.empty() ? "" : " or ") + std::string(to_string(kind));
  return text;
}

std::string describe_result(const scenario::OpRecord& op) {
  if (std::holds_alternative<scenario::op::IsLive>(op.op)) return op.live ? "true" : "false";
  if (std::holds_alternative<scenario::op::RecentExit>(op.op)) {
    return op.recent ? render(*op.recent) : "nothing";
  }
  return op.ok ? "ok" : to_string(*op.error);
}

class Search {
 public:
  explicit Search(std::vector<Item> items)
      : items_(std::move(items)), done_(items_.size()), done_keys_(items_.size()) {
    for (std::size_t i = 0; i < done_keys_.size(); ++i) done_keys_[i] = mix(i + 0x51ed27ULL);
  }

  bool explain(const Model& initial) { return dfs(initial, 0); }
  bool exhausted_budget() const { return expansions_ > kSearchBudget; }
  std::string failure() const { return failure_; }
  std::size_t deepest() const { return deepest_; }
  // The operations that could not be placed after the longest explained order.
  const std::vector<std::uint64_t>& unplaced() const { return unplaced_; }

 private:
  bool dfs(const Model& model, std::size_t placed) {
    if (placed == items_.size()) return true;
    if (++expansions_ > kSearchBudget) return false;
    std::uint64_t min_return = UINT64_MAX;
    for (std::size_t i = 0; i < items_.size(); ++i) {
      if (!done_[i]) min_return = std::min(min_return, items_[i].returned);
    }
    for (std::size_t i = 0; i < items_.size(); ++i) {
      if (done_[i] || items_[i].invoked > min_return) continue;
      Model next = model;
      if (!apply(next, items_[i], nullptr)) {
        if (placed >= deepest_) note_unplaced(model, i, placed);
        continue;
      }
      done_[i] = true;
      done_key_ ^= done_keys_[i];
      const bool fresh = visited_.insert(mix(next.fingerprint() ^ done_key_)).second;
      const bool found = fresh && dfs(next, placed + 1);
      done_[i] = false;
      done_key_ ^= done_keys_[i];
      if (found) return true;
    }
    return false;
  }

  // Item i cannot come next after `placed` items: said in words only for the
  // longest explained order, the one a finding reports.
  void note_unplaced(const Model& model, std::size_t i, std::size_t placed) {
    if (placed > deepest_ || failure_.empty()) {
      Model scratch = model;
      failure_.clear();
      apply(scratch, items_[i], &failure_);
      unplaced_.clear();
      deepest_ = placed;
    }
    if (std::find(unplaced_.begin(), unplaced_.end(), items_[i].invoked) == unplaced_.end()) {
      unplaced_.push_back(items_[i].invoked);
    }
  }

  // `mismatch`, when given, says why an item does not fit.
  static bool apply(Model& model, const Item& item, std::string* mismatch) {
    return item.op ? apply_op(model, *item.op, mismatch)
                   : apply_event(model, *item.event, mismatch);
  }

  static bool apply_event(Model& model, const scenario::Event& event, std::string* mismatch) {
    ProcessModel& p = model.at(event.pid);
    const auto who = [&event] { return "process " + std::to_string(event.pid); };
    switch (event.kind) {
      case EventKind::kExitPublished:
        if (!p.spawned || p.exited) {
          if (mismatch) {
            *mismatch = "the exit of " + who() + " was published while it was not a live process";
          }
          return false;
        }
        p.exited = true;
        p.exit = &event.exit;
        if (model.tombstones.size() == model.tombstone_capacity) {
          model.tombstones.erase(model.tombstones.begin());
        }
        model.tombstones.push_back(event.pid);
        return true;
      case EventKind::kLeftLiveTable:
        p.live = false;
        return true;
      case EventKind::kOutcomeTaken:
        p.consumed = true;
        return true;
      case EventKind::kCompletionTaken:
        if (!p.take(event.detail)) {
          if (mismatch) {
            *mismatch = who() + " took completion " + std::to_string(event.detail) +
                        ", which no accepted delivery had retained";
          }
          return false;
        }
        return true;
      case EventKind::kCompletionsDrained:
        if (p.retained.size() != event.detail) {
          if (mismatch) {
            *mismatch = "the drain of " + who() + " found " + std::to_string(event.detail) +
                        " completions where accepted deliveries left " +
                        std::to_string(p.retained.size());
          }
          return false;
        }
        p.retained.clear();
        return true;
      default:
        return true;
    }
  }

  static bool apply_op(Model& model, const scenario::OpRecord& op, std::string* mismatch) {
    Answer answer;
    ProcessModel* p = op.pid != runtime::kNoPid ? &model.at(op.pid) : nullptr;
    const bool spawned = p != nullptr && p->spawned;
    auto refuse_common = [&]() -> bool {
      if (model.shut_down) {
        answer.errors = {ErrorKind::kShutDown};
        return true;
      }
      if (!spawned) {
        answer.errors = {ErrorKind::kNeverSpawned};
        return true;
      }
      return false;
    };
    std::visit(
        [&](const auto& o) {
          using O = std::decay_t<decltype(o)>;
          if constexpr (std::is_same_v<O, scenario::op::Spawn>) {
            answer.ok = !model.shut_down;
            if (model.shut_down) answer.errors = {ErrorKind::kShutDown};
          } else if constexpr (std::is_same_v<O, scenario::op::Monitor>) {
            if (refuse_common()) return;
            if (p->consumed) {
              answer.errors = {ErrorKind::kOutcomeConsumed};
            } else if (p->monitored) {
              answer.errors = {ErrorKind::kAlreadyMonitored};
            } else {
              answer.ok = true;
              answer.errors = {ErrorKind::kThreadStartFailed};
            }
          } else if constexpr (std::is_same_v<O, scenario::op::Cancel>) {
            if (refuse_common()) return;
            answer.ok = !p->exited;
            if (p->exited) answer.errors = {ErrorKind::kNotLive};
          } else if constexpr (std::is_same_v<O, scenario::op::Deliver>) {
            if (refuse_common()) return;
            if (p->exited) {
              answer.errors = {ErrorKind::kDeliveryRefused};
            } else if (p->retains(o.correlation)) {
              answer.errors = {ErrorKind::kDuplicateDelivery};
            } else {
              answer.ok = true;
            }
          } else if constexpr (std::is_same_v<O, scenario::op::Shutdown>) {
            answer.ok = !model.shut_down;
            if (model.shut_down) answer.errors = {ErrorKind::kShutDown};
          } else {
            answer.ok = true;
          }
        },
        op.op);
    bool matches = op.ok ? answer.ok
                         : std::find(answer.errors.begin(), answer.errors.end(), *op.error) !=
                               answer.errors.end();
    const auto expected = [&]() -> std::string {
      if (std::holds_alternative<scenario::op::IsLive>(op.op)) {
        return p != nullptr && p->live ? "true" : "false";
      }
      if (std::holds_alternative<scenario::op::RecentExit>(op.op)) {
        const auto kept = recent_exit(model, op.pid);
        return kept ? render(*kept) : "nothing";
      }
      return describe_answer(answer);
    };
    if (std::holds_alternative<scenario::op::IsLive>(op.op)) {
      matches = op.live == (p != nullptr && p->live);
    } else if (std::holds_alternative<scenario::op::RecentExit>(op.op)) {
      matches = op.recent == recent_exit(model, op.pid);
    }
    if (!matches) {
      if (mismatch) {
        *mismatch = RunView::describe_op(op) + " returned " + describe_result(op) +
                    " where the model answers " + expected();
      }
      return false;
    }
    if (!op.ok) return true;
    std::visit(
        [&](const auto& o) {
          using O = std::decay_t<decltype(o)>;
          if constexpr (std::is_same_v<O, scenario::op::Spawn>) {
            model.at(op.pid).spawned = true;
            model.at(op.pid).live = true;
          } else if constexpr (std::is_same_v<O, scenario::op::Monitor>) {
            p->monitored = true;
          } else if constexpr (std::is_same_v<O, scenario::op::Deliver>) {
            p->retain(o.correlation);
          } else if constexpr (std::is_same_v<O, scenario::op::Shutdown>) {
            model.shut_down = true;
          }
        },
        op.op);
    return true;
  }

  // What the tombstones answer for pid: its outcome while it is among them.
  static std::optional<runtime::WorkflowProcessOutcome> recent_exit(Model& model, Pid pid) {
    if (std::find(model.tombstones.begin(), model.tombstones.end(), pid) ==
        model.tombstones.end()) {
      return std::nullopt;
    }
    return expected_outcome(pid, *model.at(pid).exit);
  }

  std::vector<Item> items_;
  std::vector<bool> done_;
  std::vector<std::uint64_t> done_keys_;  // one random key per item
  std::uint64_t done_key_ = 0;            // the keys of the items placed so far, xored
  std::unordered_set<std::uint64_t> visited_;
  std::size_t expansions_ = 0;
  std::size_t deepest_ = 0;
  std::string failure_;
  std::vector<std::uint64_t> unplaced_;
};

}  // namespace

std::optional<Violation> explain_sequentially(const RunView& run) {
  const scenario::RunRecord& record = run.record;
  const std::uint64_t quiescent = run.histories.quiescent_seq;
  std::vector<Item> items;
  Model initial;
  initial.tombstone_capacity = std::max<std::uint32_t>(run.scenario.config.tombstones, 1);
  for (const auto& op : record.ops) {
    // A churn is many spawns, not one atomic step: its pids count as spawned
    // throughout (no generated op names them), and its own result is not judged.
    if (std::holds_alternative<scenario::op::Churn>(op.op)) {
      for (const Pid churned : op.churned) {
        initial.at(churned).spawned = true;
        initial.at(churned).live = true;
      }
      continue;
    }
    // Counts are judged against the events by the quiescence checks.
    if (std::holds_alternative<scenario::op::Counts>(op.op)) continue;
    items.push_back({op.invoked, op.returned, &op, nullptr});
  }
  for (const auto& event : record.events) {
    const bool modelled =
        event.kind == EventKind::kExitPublished || event.kind == EventKind::kLeftLiveTable ||
        event.kind == EventKind::kOutcomeTaken || event.kind == EventKind::kCompletionTaken ||
        event.kind == EventKind::kCompletionsDrained;
    if (modelled && event.seq < quiescent) items.push_back({event.seq, event.seq, nullptr, &event});
  }
  if (items.size() > kMaxItems) return std::nullopt;
  std::sort(items.begin(), items.end(),
            [](const Item& a, const Item& b) { return a.invoked < b.invoked; });
  Search search(items);
  if (search.explain(initial) || search.exhausted_budget()) return std::nullopt;
  return Violation{Invariant::kLinearizable,
                   "no sequential order of the operations explains their results: the longest "
                   "explained order placed " +
                       std::to_string(search.deepest()) + " of " + std::to_string(items.size()) +
                       " steps, then " + search.failure(),
                   search.unplaced()};
}

}  // namespace aion::oracle
