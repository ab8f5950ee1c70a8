#include "sim/engine/replay_strategy.h"

#include <utility>

namespace aion::sim {
namespace {

std::string describe_recorded(const Choice& choice) {
  if (choice.kind == ChoiceKind::kFault) {
    return "a fault at site " + std::string(fault_site_name(choice.site)) + " (value " +
           std::to_string(choice.value) + ") recorded at step " + std::to_string(choice.step);
  }
  return "a scheduling choice of position " + std::to_string(choice.value) + " among " +
         std::to_string(choice.options) + " enabled fibers, recorded at step " +
         std::to_string(choice.step);
}

}  // namespace

ReplayStrategy::ReplayStrategy(Schedule schedule, ReplayMode mode)
    : schedule_(std::move(schedule)), mode_(mode) {}

ReplayStrategy ReplayStrategy::lenient(std::span<const std::uint32_t> values) {
  Schedule schedule;
  schedule.reserve(values.size());
  for (const std::uint32_t value : values) {
    Choice choice;
    choice.value = value;
    schedule.push_back(choice);
  }
  return ReplayStrategy(std::move(schedule), ReplayMode::kLenient);
}

void ReplayStrategy::begin_run(std::uint64_t) {
  cursor_ = 0;
  divergence_.clear();
}

std::size_t ReplayStrategy::choose(const Decision& decision) {
  const std::size_t options = decision.enabled.size();
  if (cursor_ >= schedule_.size()) {
    return decision.current_runnable() ? decision.current_position : 0;
  }
  const std::size_t index = cursor_++;
  const Choice& recorded = schedule_[index];
  if (mode_ == ReplayMode::kLenient) {
    if (recorded.value == kStay) return decision.current_runnable() ? decision.current_position : 0;
    return recorded.value % options;
  }
  if (recorded.kind != ChoiceKind::kSchedule || recorded.options != options ||
      recorded.value >= options) {
    divergence_ = "replay diverged at step " + std::to_string(decision.step) + " (choice #" +
                  std::to_string(index) + "): the schedule has " + describe_recorded(recorded) +
                  "; the live run has a scheduling decision among " + std::to_string(options) +
                  " enabled fibers";
    return kDiverged;
  }
  return recorded.value;
}

std::uint32_t ReplayStrategy::dictate_fault(FaultSite site, std::uint64_t step, std::uint32_t nth) {
  // Strictly, a fault fires at the opportunity it was recorded at: the site may have had
  // others since the last choice, in that step too, where it did not fire.
  if (cursor_ < schedule_.size() && schedule_[cursor_].kind == ChoiceKind::kFault &&
      schedule_[cursor_].site == site &&
      (mode_ != ReplayMode::kStrict ||
       (schedule_[cursor_].step == step && schedule_[cursor_].nth == nth))) {
    return schedule_[cursor_++].value;
  }
  return 0;
}

std::string ReplayStrategy::describe() const {
  return mode_ == ReplayMode::kStrict ? "replay" : "generated";
}

const StrategyKind& generated_strategy_kind() {
  static const StrategyKind kind = [] {
    StrategyKind k;
    k.name = "generated";
    k.summary =
        "follow the case's drawn choice list (each taken modulo the enabled fibers; shrinkable), "
        "then keep the current fiber";
    k.takes_choices = true;
    k.build = [](const StrategySpec&, const StrategyInputs& inputs) -> std::unique_ptr<Strategy> {
      return std::make_unique<ReplayStrategy>(ReplayStrategy::lenient(inputs.choices));
    };
    return k;
  }();
  return kind;
}

}  // namespace aion::sim
