#include "runtime/workflow_program.h"

#include <sstream>
#include <type_traits>
#include <utility>

namespace aion::runtime {
namespace {

void render_ids(std::ostream& out, const std::vector<Correlation>& ids) {
  for (std::size_t i = 0; i < ids.size(); ++i) out << (i ? "," : "") << ids[i];
}

}  // namespace

WorkflowProgram& WorkflowProgram::work(std::uint32_t reductions) {
  steps.emplace_back(step::Work{reductions});
  return *this;
}
WorkflowProgram& WorkflowProgram::await_all(std::vector<Correlation> correlations) {
  steps.emplace_back(step::AwaitAll{std::move(correlations)});
  return *this;
}
WorkflowProgram& WorkflowProgram::await_any(std::vector<Correlation> correlations) {
  steps.emplace_back(step::AwaitAny{std::move(correlations)});
  return *this;
}
WorkflowProgram& WorkflowProgram::sleep(platform::Nanos duration) {
  steps.emplace_back(step::Sleep{duration});
  return *this;
}
WorkflowProgram& WorkflowProgram::complete(std::string value) {
  steps.emplace_back(step::Complete{std::move(value)});
  return *this;
}
WorkflowProgram& WorkflowProgram::complete_with_taken() {
  steps.emplace_back(step::CompleteWithTaken{});
  return *this;
}
WorkflowProgram& WorkflowProgram::fail(std::string reason) {
  steps.emplace_back(step::Fail{std::move(reason)});
  return *this;
}
WorkflowProgram& WorkflowProgram::crash(std::string error) {
  steps.emplace_back(step::Crash{std::move(error)});
  return *this;
}
WorkflowProgram& WorkflowProgram::run_until_cancelled() {
  steps.emplace_back(step::RunUntilCancelled{});
  return *this;
}

std::string WorkflowProgram::describe() const {
  std::ostringstream out;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (i) out << "; ";
    std::visit(
        [&out](const auto& s) {
          using S = std::decay_t<decltype(s)>;
          if constexpr (std::is_same_v<S, step::Work>) {
            out << "work(" << s.reductions << ")";
          } else if constexpr (std::is_same_v<S, step::AwaitAll>) {
            out << "await_all(";
            render_ids(out, s.correlations);
            out << ")";
          } else if constexpr (std::is_same_v<S, step::AwaitAny>) {
            out << "await_any(";
            render_ids(out, s.correlations);
            out << ")";
          } else if constexpr (std::is_same_v<S, step::Sleep>) {
            out << "sleep(" << s.duration / platform::kMillisecond << "ms)";
          } else if constexpr (std::is_same_v<S, step::Complete>) {
            out << "complete(" << s.value << ")";
          } else if constexpr (std::is_same_v<S, step::CompleteWithTaken>) {
            out << "complete_with_taken";
          } else if constexpr (std::is_same_v<S, step::Fail>) {
            out << "fail(" << s.reason << ")";
          } else if constexpr (std::is_same_v<S, step::Crash>) {
            out << "crash(" << s.error << ")";
          } else {
            out << "run_until_cancelled";
          }
        },
        steps[i]);
  }
  return out.str();
}

}  // namespace aion::runtime
