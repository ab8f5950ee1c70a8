#include "sim/cli/failure_highlights.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace aion::cli {

std::optional<std::uint64_t> pid_named_in(const std::string& sentence) {
  const std::string word = "process ";
  for (auto at = sentence.find(word); at != std::string::npos; at = sentence.find(word, at + 1)) {
    std::size_t end = at + word.size();
    std::uint64_t pid = 0;
    bool digits = false;
    while (end < sentence.size() && std::isdigit(static_cast<unsigned char>(sentence[end])) &&
           pid < (UINT64_MAX - 9) / 10) {
      pid = pid * 10 + static_cast<std::uint64_t>(sentence[end++] - '0');
      digits = true;
    }
    if (digits) return pid;
  }
  return std::nullopt;
}

std::vector<bool> failure_highlights(const sim::Trace& trace, sim::Outcome outcome,
                                     const std::vector<std::uint64_t>& seqs,
                                     const std::string& sentence) {
  std::vector<bool> highlighted(trace.size(), false);
  for (std::size_t i = 0; i < trace.size(); ++i) {
    highlighted[i] = trace[i].op == sim::Op::kNote &&
                     std::find(seqs.begin(), seqs.end(), trace[i].subject) != seqs.end();
  }
  if (outcome != sim::Outcome::kPassed) {
    std::map<std::uint32_t, std::size_t> last_event;
    std::map<std::uint32_t, bool> finished;
    for (std::size_t i = 0; i < trace.size(); ++i) {
      last_event[trace[i].fiber] = i;
      if (trace[i].op == sim::Op::kFinish) finished[trace[i].fiber] = true;
    }
    for (const auto& [fiber, index] : last_event) {
      if (!finished[fiber]) highlighted[index] = true;
    }
    return highlighted;
  }
  const auto pid = pid_named_in(sentence);
  if (!seqs.empty() || !pid) return highlighted;
  const std::string monitor_thread = "aion-workflow-monitor-" + std::to_string(*pid);
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const sim::Event& event = trace[i];
    const bool about_pid = event.op == sim::Op::kYield && event.subject == *pid;
    const bool starts_monitor =
        (event.op == sim::Op::kStartThread || event.op == sim::Op::kStartFailed) &&
        event.object == monitor_thread;
    highlighted[i] = about_pid || starts_monitor;
  }
  return highlighted;
}

}  // namespace aion::cli
