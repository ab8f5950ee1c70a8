#include "sim/lifecycle/case_mutator.h"

#include <algorithm>
#include <array>
#include <optional>
#include <utility>
#include <vector>

#include "sim/lifecycle/case_decoder.h"
#include "sim/scenario/scenario.h"

namespace aion::lifecycle {
namespace {

using scenario::Op;

// A corpus case keeps the choices of its whole run, which may pass the kMaxDecodedChoices that
// campaigns draw.
constexpr std::size_t kMaxChoices = 4096;

// The draws of the mutation's new parts.
class MutationDraws final : public scenario::Draws {
 public:
  explicit MutationDraws(sim::Rng& rng) : rng_(rng) {}
  std::uint64_t in_range(std::uint64_t low, std::uint64_t high) override {
    return low + rng_.below(high - low);
  }
  std::uint64_t pick(std::uint64_t count) override { return rng_.below(count); }

 private:
  sim::Rng& rng_;
};

std::size_t below(sim::Rng& rng, std::size_t n) { return static_cast<std::size_t>(rng.below(n)); }

// A list of operations the mutation works on: the prefix (index 0) or a branch.
std::vector<Op>& list_at(scenario::Scenario& s, std::size_t index) {
  return index == 0 ? s.prefix : s.branches[index - 1];
}

// The labels an operation at `position` of list `index` may name: those spawned before it in
// the prefix, and for a branch those of the whole prefix and of the branch before it; and the
// label the next spawn there would get.
std::pair<std::vector<std::uint32_t>, std::uint32_t> labels_at(const scenario::Scenario& s,
                                                               std::size_t index,
                                                               std::size_t position) {
  std::vector<std::uint32_t> known;
  std::uint32_t label = 0;
  std::uint32_t next = 0;
  for (std::size_t l = 0; l <= s.branches.size(); ++l) {
    const std::vector<Op>& ops = l == 0 ? s.prefix : s.branches[l - 1];
    for (std::size_t i = 0; i < ops.size(); ++i) {
      if (l == index && i == position) next = label;
      const bool spawn = std::holds_alternative<scenario::op::Spawn>(ops[i]);
      if (spawn && (l == 0 || (l == index && i < position))) known.push_back(label);
      if (spawn) ++label;
    }
    if (l == index && position >= ops.size()) next = label;
  }
  return {known, next};
}

bool valid(const LifecycleCase& c, const scenario::Profile& profile) {
  return !scenario::validate(c.scenario) && !c.scenario.prefix.empty() &&
         c.scenario.branches.size() >= profile.min_branches &&
         c.scenario.branches.size() <= profile.max_branches &&
         std::all_of(c.scenario.branches.begin(), c.scenario.branches.end(), [&](const auto& b) {
           return !b.empty() && b.size() <= profile.max_branch_ops;
         });
}

bool insert_op(LifecycleCase& c, MutationContext& m) {
  const std::size_t index = below(m.rng, c.scenario.branches.size() + 1);
  std::vector<Op>& ops = list_at(c.scenario, index);
  const std::size_t position = below(m.rng, ops.size() + 1);
  auto [known, next] = labels_at(c.scenario, index, position);
  MutationDraws draws(m.rng);
  const Op op = scenario::draw_op(m.profile, known, next, index != 0, draws);
  ops.insert(ops.begin() + static_cast<std::ptrdiff_t>(position), op);
  return true;
}

bool delete_op(LifecycleCase& c, MutationContext& m) {
  std::vector<Op>& ops = list_at(c.scenario, below(m.rng, c.scenario.branches.size() + 1));
  if (ops.size() < 2) return false;
  ops.erase(ops.begin() + static_cast<std::ptrdiff_t>(below(m.rng, ops.size())));
  return true;
}

bool swap_ops(LifecycleCase& c, MutationContext& m) {
  std::vector<Op>& a = list_at(c.scenario, below(m.rng, c.scenario.branches.size() + 1));
  std::vector<Op>& b = list_at(c.scenario, below(m.rng, c.scenario.branches.size() + 1));
  if (a.empty() || b.empty()) return false;
  std::swap(a[below(m.rng, a.size())], b[below(m.rng, b.size())]);
  return true;
}

bool duplicate_op(LifecycleCase& c, MutationContext& m) {
  const std::vector<Op>& from = list_at(c.scenario, below(m.rng, c.scenario.branches.size() + 1));
  if (from.empty()) return false;
  const Op op = from[below(m.rng, from.size())];
  std::vector<Op>& to = list_at(c.scenario, below(m.rng, c.scenario.branches.size() + 1));
  to.insert(to.begin() + static_cast<std::ptrdiff_t>(below(m.rng, to.size() + 1)), op);
  return true;
}

bool add_branch(LifecycleCase& c, MutationContext& m) {
  const std::size_t index = c.scenario.branches.size() + 1;
  c.scenario.branches.emplace_back();
  auto [known, next] = labels_at(c.scenario, index, 0);
  MutationDraws draws(m.rng);
  c.scenario.branches.back().push_back(scenario::draw_op(m.profile, known, next, true, draws));
  return true;
}

bool drop_branch(LifecycleCase& c, MutationContext& m) {
  auto& branches = c.scenario.branches;
  if (branches.empty()) return false;
  branches.erase(branches.begin() + static_cast<std::ptrdiff_t>(below(m.rng, branches.size())));
  return true;
}

bool change_config(LifecycleCase& c, MutationContext& m) {
  if (m.rng.below(2) == 0) {
    c.scenario.config.schedulers =
        1 + static_cast<std::uint32_t>(m.rng.below(m.profile.max_schedulers));
  } else {
    c.scenario.config.tombstones =
        1 + static_cast<std::uint32_t>(m.rng.below(m.profile.max_tombstones));
  }
  return true;
}

bool change_fault_rate(LifecycleCase& c, MutationContext& m) {
  auto& f = c.scenario.config.faults;
  const std::array<std::pair<std::uint32_t*, std::uint32_t>, 4> sites = {{
      {&f.thread_start_fails, m.profile.thread_start_fails},
      {&f.wakeup_delayed, m.profile.wakeup_delayed},
      {&f.extra_yield, m.profile.extra_yield},
      {&f.spurious_wakeup, m.profile.spurious_wakeup},
  }};
  const auto& [rate, max_rate] = sites[below(m.rng, sites.size())];
  if (max_rate == 0) return false;
  const std::array<std::uint32_t, 3> rates = {0, max_rate / 2, max_rate};
  *rate = rates[below(m.rng, rates.size())];
  return true;
}

bool change_seed(LifecycleCase& c, MutationContext& m) {
  c.seed = m.rng.next();
  return true;
}

// The case's decisions (at least one), and a place among them: most often where the hint
// points, else anywhere.
std::pair<std::size_t, std::size_t> place_in_choices(const LifecycleCase& c, MutationContext& m) {
  const std::size_t span = std::max<std::size_t>(
      {c.choices.size(), static_cast<std::size_t>(m.decisions), std::size_t{1}});
  if (m.hint >= 0 && m.rng.below(4) != 0) {
    return {span, std::min(span - 1, static_cast<std::size_t>(m.hint * static_cast<double>(span)))};
  }
  return {span, below(m.rng, span)};
}

void draw_choices(LifecycleCase& c, MutationContext& m, std::size_t begin, std::size_t end) {
  if (c.choices.size() < end) c.choices.resize(end, 0);
  for (std::size_t i = begin; i < end; ++i) {
    c.choices[i] = static_cast<std::uint32_t>(m.rng.below(kChoiceValues));
  }
}

// Chooses again up to eight choices around a place.
bool rechoose_window(LifecycleCase& c, MutationContext& m) {
  std::size_t center = place_in_choices(c, m).second;
  const std::size_t jitter = below(m.rng, 9);
  center = center + 4 >= jitter ? center + 4 - jitter : 0;
  const std::size_t width = 1 + below(m.rng, 8);
  const std::size_t begin = center >= width / 2 ? center - width / 2 : 0;
  const std::size_t end = std::min(kMaxChoices, begin + width);
  draw_choices(c, m, begin, end);
  return end > begin;
}

// Keeps the choices up to a place and draws every one after it again: the run gets to where
// its case found something, then goes on another way.
bool rechoose_tail(LifecycleCase& c, MutationContext& m) {
  const auto [span, cut] = place_in_choices(c, m);
  const std::size_t end = std::min(kMaxChoices, span);
  if (cut >= end) return false;
  c.choices.resize(end);
  draw_choices(c, m, cut, end);
  return true;
}

bool cut_choices(LifecycleCase& c, MutationContext& m) {
  if (c.choices.empty()) return false;
  c.choices.resize(below(m.rng, c.choices.size()));
  return true;
}

bool extend_choices(LifecycleCase& c, MutationContext& m) {
  if (c.choices.size() >= kMaxChoices) return false;
  const std::size_t more = std::min(kMaxChoices - c.choices.size(), 1 + below(m.rng, 32));
  for (std::size_t i = 0; i < more; ++i) {
    c.choices.push_back(static_cast<std::uint32_t>(m.rng.below(kChoiceValues)));
  }
  return true;
}

bool splice_choices(LifecycleCase& c, MutationContext& m) {
  if (m.other == nullptr || m.other->choices.empty()) return false;
  const std::size_t cut = below(m.rng, m.other->choices.size());
  c.choices.resize(std::min(c.choices.size(), cut));
  c.choices.insert(c.choices.end(), m.other->choices.begin() + static_cast<std::ptrdiff_t>(cut),
                   m.other->choices.end());
  if (c.choices.size() > kMaxChoices) c.choices.resize(kMaxChoices);
  return true;
}

bool splice_branch(LifecycleCase& c, MutationContext& m) {
  if (m.other == nullptr || m.other->scenario.branches.empty() || c.scenario.branches.empty()) {
    return false;
  }
  const auto& from = m.other->scenario.branches[below(m.rng, m.other->scenario.branches.size())];
  c.scenario.branches[below(m.rng, c.scenario.branches.size())] = from;
  return true;
}

// Schedules are where races are: choices are drawn again most often.
constexpr std::array<Mutation, 15> kMutations = {{
    {"insert-op", 2, insert_op},
    {"delete-op", 2, delete_op},
    {"swap-ops", 1, swap_ops},
    {"duplicate-op", 1, duplicate_op},
    {"add-branch", 1, add_branch},
    {"drop-branch", 1, drop_branch},
    {"change-config", 1, change_config},
    {"change-fault-rate", 1, change_fault_rate},
    {"change-seed", 1, change_seed},
    {"rechoose-window", 2, rechoose_window},
    {"rechoose-tail", 4, rechoose_tail},
    {"cut-choices", 1, cut_choices},
    {"extend-choices", 1, extend_choices},
    {"splice-choices", 1, splice_choices},
    {"splice-branch", 1, splice_branch},
}};

const Mutation& pick_mutation(sim::Rng& rng) {
  std::uint32_t total = 0;
  for (const Mutation& m : kMutations) total += m.weight;
  auto drawn = static_cast<std::uint32_t>(rng.below(total));
  for (const Mutation& m : kMutations) {
    if (drawn < m.weight) return m;
    drawn -= m.weight;
  }
  return kMutations.back();
}

}  // namespace

std::span<const Mutation> mutations() { return kMutations; }

LifecycleCase mutate(const LifecycleCase& c, MutationContext& context) {
  LifecycleCase mutant = c;
  mutant.strategy = sim::StrategySpec{&sim::generated_strategy_kind(), {}};
  const std::size_t stack = 1 + below(context.rng, 4);
  for (std::size_t applied = 0, tries = 0; applied < stack && tries < 32; ++tries) {
    LifecycleCase next = mutant;
    const Mutation& mutation = pick_mutation(context.rng);
    if (mutation.apply(next, context) && valid(next, context.profile) && next != mutant) {
      mutant = std::move(next);
      ++applied;
    }
  }
  return mutant;
}

}  // namespace aion::lifecycle
