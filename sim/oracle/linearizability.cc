#include "sim/oracle/linearizability.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
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

struct ProcessModel {
  bool spawned = false;
  bool live = false;  // in the live table
  bool exited = false;
  bool monitored = false;
  bool consumed = false;
  std::set<runtime::Correlation> retained;
  const runtime::ExitRecord* exit = nullptr;
};

struct Model {
  std::map<Pid, ProcessModel> pids;
  bool shut_down = false;
  std::size_t tombstone_capacity = 1;
  std::deque<Pid> tombstones;  // oldest first

  std::string fingerprint() const {
    std::string key(shut_down ? "S" : "s");
    for (const auto& [pid, p] : pids) {
      key += std::to_string(pid) + (p.spawned ? "a" : "") + (p.live ? "l" : "") +
             (p.exited ? "x" : "") + (p.monitored ? "m" : "") + (p.consumed ? "c" : "");
      for (auto c : p.retained) key += "r" + std::to_string(c);
      key += ";";
    }
    for (const Pid pid : tombstones) key += "t" + std::to_string(pid);
    return key;
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
  explicit Search(std::vector<Item> items) : items_(std::move(items)), done_(items_.size()) {}

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
      std::string mismatch;
      if (!apply(next, items_[i], mismatch)) {
        if (placed > deepest_ || failure_.empty()) {
          failure_ = mismatch;
          unplaced_.clear();
          deepest_ = placed;
        }
        if (placed == deepest_ &&
            std::find(unplaced_.begin(), unplaced_.end(), items_[i].invoked) == unplaced_.end()) {
          unplaced_.push_back(items_[i].invoked);
        }
        continue;
      }
      done_[i] = true;
      const bool fresh = visited_.insert(key(next)).second;
      const bool found = fresh && dfs(next, placed + 1);
      done_[i] = false;
      if (found) return true;
    }
    return false;
  }

  std::string key(const Model& model) const {
    std::string k(done_.size(), '0');
    for (std::size_t i = 0; i < done_.size(); ++i) k[i] = done_[i] ? '1' : '0';
    return k + model.fingerprint();
  }

  static bool apply(Model& model, const Item& item, std::string& mismatch) {
    return item.op ? apply_op(model, *item.op, mismatch)
                   : apply_event(model, *item.event, mismatch);
  }

  static bool apply_event(Model& model, const scenario::Event& event, std::string& mismatch) {
    ProcessModel& p = model.pids[event.pid];
    const std::string who = "process " + std::to_string(event.pid);
    switch (event.kind) {
      case EventKind::kExitPublished:
        if (!p.spawned || p.exited) {
          mismatch = "the exit of " + who + " was published while it was not a live process";
          return false;
        }
        p.exited = true;
        p.exit = &event.exit;
        if (model.tombstones.size() == model.tombstone_capacity) model.tombstones.pop_front();
        model.tombstones.push_back(event.pid);
        return true;
      case EventKind::kLeftLiveTable:
        p.live = false;
        return true;
      case EventKind::kOutcomeTaken:
        p.consumed = true;
        return true;
      case EventKind::kCompletionTaken:
        if (p.retained.erase(event.detail) == 0) {
          mismatch = who + " took completion " + std::to_string(event.detail) +
                     ", which no accepted delivery had retained";
          return false;
        }
        return true;
      case EventKind::kCompletionsDrained:
        if (p.retained.size() != event.detail) {
          mismatch = "the drain of " + who + " found " + std::to_string(event.detail) +
                     " completions where accepted deliveries left " +
                     std::to_string(p.retained.size());
          return false;
        }
        p.retained.clear();
        return true;
      default:
        return true;
    }
  }

  static bool apply_op(Model& model, const scenario::OpRecord& op, std::string& mismatch) {
    Answer answer;
    ProcessModel* p = op.pid != runtime::kNoPid ? &model.pids[op.pid] : nullptr;
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
            } else if (p->retained.count(o.correlation)) {
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
    std::string expected = describe_answer(answer);
    if (const auto* query = std::get_if<scenario::op::IsLive>(&op.op)) {
      (void)query;
      const bool live = p != nullptr && p->live;
      matches = op.live == live;
      expected = live ? "true" : "false";
    } else if (std::holds_alternative<scenario::op::RecentExit>(op.op)) {
      std::optional<runtime::WorkflowProcessOutcome> kept;
      if (p != nullptr && std::find(model.tombstones.begin(), model.tombstones.end(), op.pid) !=
                              model.tombstones.end()) {
        kept = expected_outcome(op.pid, *p->exit);
      }
      matches = op.recent == kept;
      expected = kept ? render(*kept) : "nothing";
    }
    if (!matches) {
      mismatch = RunView::describe_op(op) + " returned " + describe_result(op) +
                 " where the model answers " + expected;
      return false;
    }
    if (!op.ok) return true;
    std::visit(
        [&](const auto& o) {
          using O = std::decay_t<decltype(o)>;
          if constexpr (std::is_same_v<O, scenario::op::Spawn>) {
            model.pids[op.pid].spawned = true;
            model.pids[op.pid].live = true;
          } else if constexpr (std::is_same_v<O, scenario::op::Monitor>) {
            p->monitored = true;
          } else if constexpr (std::is_same_v<O, scenario::op::Deliver>) {
            p->retained.insert(o.correlation);
          } else if constexpr (std::is_same_v<O, scenario::op::Shutdown>) {
            model.shut_down = true;
          }
        },
        op.op);
    return true;
  }

  std::vector<Item> items_;
  std::vector<bool> done_;
  std::unordered_set<std::string> visited_;
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
        initial.pids[churned].spawned = true;
        initial.pids[churned].live = true;
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
