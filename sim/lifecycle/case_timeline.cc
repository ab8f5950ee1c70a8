#include "sim/lifecycle/case_timeline.h"

#include <algorithm>
#include <set>

#include "sim/engine/timeline.h"
#include "sim/lifecycle/record_text.h"

namespace aion::lifecycle {
std::optional<TimelineFilter> timeline_filter_named(std::string_view name) {
  if (name == "ops") return TimelineFilter::kOps;
  if (name == "all") return TimelineFilter::kAll;
  return std::nullopt;
}

std::vector<TimelineEvent> case_timeline(const sim::Trace& trace, const scenario::RunRecord& record,
                                         TimelineFilter filter) {
  const RecordText text(record);
  std::vector<TimelineEvent> events;
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const sim::Event& event = trace[i];
    TimelineEvent line;
    line.trace_index = i;
    if (event.op == sim::Op::kNote) {
      line.scenario = true;
      line.seq = event.subject;
      if (const auto entry = text.entry(event.subject)) {
        line.text = entry->text;
        line.pid = entry->pid;
      } else {
        line.text = event.object;
      }
    } else if (event.op == sim::Op::kStartFailed) {
      line.scenario = true;
      line.text = "thread `" + event.object + "` could not start";
    }
    if (filter == TimelineFilter::kOps && !line.scenario) continue;
    line.line = line.scenario ? sim::render_line(event, line.text) : sim::render_event(event);
    if (!line.scenario) line.text = line.line.substr(std::min<std::size_t>(line.line.size(), 49));
    events.push_back(std::move(line));
  }
  return events;
}

std::string render_timeline(const std::vector<TimelineEvent>& events) {
  std::string text;
  for (const TimelineEvent& event : events) text += event.line + "\n";
  return text;
}

std::vector<std::uint64_t> finding_seqs(const CaseResult& result) {
  if (result.violations.empty()) return {};
  std::vector<std::uint64_t> seqs = result.violations.front().seqs;
  // An operation is both its ends.
  for (const auto& op : result.record.ops) {
    if (std::find(seqs.begin(), seqs.end(), op.invoked) != seqs.end()) seqs.push_back(op.returned);
  }
  return seqs;
}

Excerpt what_matters(const CaseResult& result, std::size_t limit) {
  const std::vector<TimelineEvent> all =
      case_timeline(result.run.trace, result.record, TimelineFilter::kOps);
  const std::vector<std::uint64_t> seqs = finding_seqs(result);
  // The processes the finding's own entries are about.
  std::set<runtime::Pid> pids;
  for (const TimelineEvent& event : all) {
    if (std::find(seqs.begin(), seqs.end(), event.seq) != seqs.end() &&
        event.pid != runtime::kNoPid) {
      pids.insert(event.pid);
    }
  }
  Excerpt excerpt;
  const RecordText text(result.record);
  for (const runtime::Pid pid : pids) {
    excerpt.about += (excerpt.about.empty() ? "" : ", ") + text.process(pid);
  }
  if (excerpt.about.empty()) excerpt.about = "every process";
  // Up to the finding's last own event; to the end for a run the simulator stopped.
  std::size_t end = all.size();
  if (!seqs.empty()) {
    for (std::size_t i = all.size(); i-- > 0;) {
      if (std::find(seqs.begin(), seqs.end(), all[i].seq) != seqs.end()) {
        end = i + 1;
        break;
      }
    }
  }
  std::vector<std::size_t> matching;
  for (std::size_t i = 0; i < end; ++i) {
    const bool own = std::find(seqs.begin(), seqs.end(), all[i].seq) != seqs.end();
    // Operations without a pid (shutdown, counts, churn) matter to everyone.
    if (own || pids.empty() || pids.count(all[i].pid) || all[i].pid == runtime::kNoPid) {
      matching.push_back(i);
    }
  }
  const std::size_t first = matching.size() > limit ? matching.size() - limit : 0;
  excerpt.omitted = first;
  for (std::size_t k = first; k < matching.size(); ++k) {
    const TimelineEvent& event = all[matching[k]];
    excerpt.events.push_back(event);
    excerpt.own.push_back(std::find(seqs.begin(), seqs.end(), event.seq) != seqs.end());
  }
  return excerpt;
}

std::string render_excerpt(const Excerpt& excerpt) {
  std::string text;
  if (excerpt.omitted > 0) {
    text += "  ... " + std::to_string(excerpt.omitted) + " earlier events\n";
  }
  for (std::size_t i = 0; i < excerpt.events.size(); ++i) {
    text += (excerpt.own[i] ? "> " : "  ") + excerpt.events[i].line + "\n";
  }
  return text;
}

}  // namespace aion::lifecycle
