#include "sim/scenario/scenario.h"

#include <array>
#include <set>

namespace aion::scenario {
namespace {

constexpr std::array<const char*, kShapeCount> kShapeNames = {
    "complete", "fail", "crash", "sleep", "await_all", "await_any", "until_cancelled", "long_work",
};

// Checks one sequence of ops, given the labels it may name; adds its spawns.
std::optional<std::string> validate_ops(const std::vector<Op>& ops, const std::string& where,
                                        std::uint32_t& next_label, std::set<std::uint64_t>& known) {
  for (const Op& op : ops) {
    if (std::holds_alternative<op::Spawn>(op)) {
      known.insert(next_label++);
      continue;
    }
    if (const Target* target = target_of(op); target && target->is_label) {
      if (known.count(target->value) == 0) {
        return where + " names p" + std::to_string(target->value) +
               ", which is not spawned before it in the prefix or in that branch";
      }
    }
    if (const auto* churn = std::get_if<op::Churn>(&op); churn && churn->processes > 1000) {
      return where + " churns " + std::to_string(churn->processes) +
             " processes; at most 1000 per op";
    }
  }
  return std::nullopt;
}

}  // namespace

const Target* target_of(const Op& op) {
  return std::visit(
      [](const auto& o) -> const Target* {
        if constexpr (requires { o.target; }) {
          return &o.target;
        } else {
          return nullptr;
        }
      },
      op);
}

const char* shape_name(Shape shape) { return kShapeNames[static_cast<std::size_t>(shape)]; }

std::optional<Shape> shape_from_name(const std::string& name) {
  for (std::size_t i = 0; i < kShapeNames.size(); ++i) {
    if (name == kShapeNames[i]) return static_cast<Shape>(i);
  }
  return std::nullopt;
}

runtime::WorkflowProgram program_for(Shape shape, std::uint32_t label) {
  runtime::WorkflowProgram program;
  const std::string suffix = std::to_string(label);
  switch (shape) {
    case Shape::kComplete:
      return program.work(2).complete("v" + suffix);
    case Shape::kFail:
      return program.work(1).fail("e" + suffix);
    case Shape::kCrash:
      return program.work(1).crash("badarith");
    case Shape::kSleep:
      return program.sleep(2 * platform::kMillisecond).complete("slept" + suffix);
    case Shape::kAwaitAll:
      return program.await_all({1, 2}).complete_with_taken();
    case Shape::kAwaitAny:
      return program.await_any({1, 2}).complete_with_taken();
    case Shape::kUntilCancelled:
      return program.run_until_cancelled();
    case Shape::kLongWork:
      return program.work(12).complete("w" + suffix);
  }
  return program;
}

std::size_t Scenario::operation_count() const {
  std::size_t count = prefix.size();
  for (const auto& branch : branches) count += branch.size();
  return count;
}

std::uint32_t Scenario::spawn_count() const {
  std::uint32_t count = 0;
  auto add = [&count](const std::vector<Op>& ops) {
    for (const Op& op : ops) count += std::holds_alternative<op::Spawn>(op) ? 1 : 0;
  };
  add(prefix);
  for (const auto& branch : branches) add(branch);
  return count;
}

std::optional<std::string> validate(const Scenario& scenario) {
  if (scenario.config.schedulers < 1 || scenario.config.schedulers > 8) {
    return "schedulers must be between 1 and 8, not " + std::to_string(scenario.config.schedulers);
  }
  if (scenario.config.tombstones < 1) return "tombstones must be at least 1";
  for (std::uint32_t rate :
       {scenario.config.faults.thread_start_fails, scenario.config.faults.wakeup_delayed,
        scenario.config.faults.extra_yield, scenario.config.faults.spurious_wakeup}) {
    if (rate > 1000)
      return "a fault rate is in thousandths, at most 1000, not " + std::to_string(rate);
  }
  if (scenario.branches.size() > 4) return "at most 4 branches";
  std::uint32_t next_label = 0;
  std::set<std::uint64_t> prefix_labels;
  if (auto error = validate_ops(scenario.prefix, "the prefix", next_label, prefix_labels)) {
    return error;
  }
  for (std::size_t b = 0; b < scenario.branches.size(); ++b) {
    std::set<std::uint64_t> known = prefix_labels;
    if (auto error = validate_ops(scenario.branches[b], "branch " + std::to_string(b + 1),
                                  next_label, known)) {
      return error;
    }
  }
  return std::nullopt;
}

}  // namespace aion::scenario
