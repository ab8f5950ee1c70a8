#include "runtime/completion_inbox.h"

#include <limits>

namespace aion::runtime {
namespace {

constexpr Correlation kLastCorrelation = std::numeric_limits<Correlation>::max();

}  // namespace

bool CompletionInbox::contains(Pid pid, Correlation correlation) const {
  return entries_.count({pid, correlation}) != 0;
}

bool CompletionInbox::retain(Pid pid, Correlation correlation, std::string payload) {
  return entries_.emplace(std::make_pair(pid, correlation), std::move(payload)).second;
}

std::optional<std::string> CompletionInbox::take(Pid pid, Correlation correlation) {
  const auto found = entries_.find({pid, correlation});
  if (found == entries_.end()) return std::nullopt;
  std::string payload = std::move(found->second);
  entries_.erase(found);
  return payload;
}

std::vector<Correlation> CompletionInbox::correlations_of(Pid pid) const {
  std::vector<Correlation> correlations;
  for (auto it = entries_.lower_bound({pid, 0}); it != entries_.end() && it->first.first == pid;
       ++it) {
    correlations.push_back(it->first.second);
  }
  return correlations;
}

std::size_t CompletionInbox::drain(Pid pid) {
  const auto first = entries_.lower_bound({pid, 0});
  const auto last = entries_.upper_bound({pid, kLastCorrelation});
  const auto drained = static_cast<std::size_t>(std::distance(first, last));
  entries_.erase(first, last);
  return drained;
}

}  // namespace aion::runtime
