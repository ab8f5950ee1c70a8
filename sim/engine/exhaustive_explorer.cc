#include "sim/engine/exhaustive_explorer.h"

namespace aion::sim {

ExhaustiveExplorer::ExhaustiveExplorer(std::uint32_t max_preemptions)
    : max_preemptions_(max_preemptions), strategy_(*this) {}

void ExhaustiveExplorer::Walk::begin_run(std::uint64_t) {
  owner_.path_.clear();
  if (owner_.mirror_.length != nullptr) owner_.mirror_.length->store(0);
}

std::size_t ExhaustiveExplorer::Walk::choose(const Decision& decision) {
  Node node;
  node.options = static_cast<std::uint32_t>(decision.enabled.size());
  node.current_position = static_cast<std::uint32_t>(
      decision.current_runnable() ? decision.current_position : decision.enabled.size());
  node.preemptions_before = 0;
  if (!owner_.path_.empty()) {
    const Node& last = owner_.path_.back();
    const bool preempted =
        last.current_position < last.options && last.chosen != last.current_position;
    node.preemptions_before = last.preemptions_before + (preempted ? 1 : 0);
  }
  const std::size_t depth = owner_.path_.size();
  node.chosen = option_at_rank(node, 0);
  if (depth < owner_.prefix_.size()) {
    const std::uint32_t forced = owner_.prefix_[depth];
    if (forced < node.options) {
      node.chosen = forced;
    } else if (owner_.nondeterminism_.empty()) {
      owner_.nondeterminism_ = "run " + std::to_string(owner_.runs_) + ", decision " +
                               std::to_string(depth) + " at step " + std::to_string(decision.step) +
                               ": forced choice " + std::to_string(forced) + " but only " +
                               std::to_string(node.options) + " options";
    }
  }
  owner_.path_.push_back(node);
  if (const PathMirror& mirror = owner_.mirror_; mirror.length != nullptr) {
    if (depth < mirror.capacity) mirror.nodes[depth] = node;
    mirror.length->store(depth + 1, std::memory_order_release);
  }
  return node.chosen;
}

std::string ExhaustiveExplorer::Walk::describe() const {
  return "exhaustive(max_preemptions=" + std::to_string(owner_.max_preemptions_) +
         ", run=" + std::to_string(owner_.runs_) + ")";
}

std::uint32_t ExhaustiveExplorer::option_at_rank(const Node& node, std::uint32_t rank) {
  const std::uint32_t first = node.current_position < node.options ? node.current_position : 0;
  if (rank == 0) return first;
  // Ranks 1.. walk the positions ascending, skipping `first`.
  const std::uint32_t option = rank - 1;
  return option < first ? option : option + 1;
}

std::uint32_t ExhaustiveExplorer::rank_of(const Node& node, std::uint32_t option) {
  const std::uint32_t first = node.current_position < node.options ? node.current_position : 0;
  if (option == first) return 0;
  return option < first ? option + 1 : option;
}

bool ExhaustiveExplorer::allowed(const Node& node, std::uint32_t option) const {
  const bool preemption = node.current_position < node.options && option != node.current_position;
  return node.preemptions_before + (preemption ? 1 : 0) <= max_preemptions_;
}

void ExhaustiveExplorer::resume_after(std::span<const Node> path, std::uint64_t runs) {
  path_.assign(path.begin(), path.end());
  runs_ = runs - 1;  // advance() counts the run that died
  advance();
}

void ExhaustiveExplorer::advance() {
  ++runs_;
  for (std::size_t depth = path_.size(); depth-- > 0;) {
    const Node& node = path_[depth];
    for (std::uint32_t rank = rank_of(node, node.chosen) + 1; rank < node.options; ++rank) {
      const std::uint32_t option = option_at_rank(node, rank);
      if (!allowed(node, option)) continue;
      prefix_.clear();
      for (std::size_t i = 0; i < depth; ++i) prefix_.push_back(path_[i].chosen);
      prefix_.push_back(option);
      return;
    }
  }
  exhausted_ = true;
}

}  // namespace aion::sim
