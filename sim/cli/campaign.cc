#include "sim/cli/campaign.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <limits>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <utility>

#include "sim/cli/distinct_hashes.h"

namespace aion::cli {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::uint64_t kUnlimited = std::numeric_limits<std::uint64_t>::max();
// How often the merge looks for results when nobody wakes it.
constexpr auto kMergePoll = std::chrono::milliseconds(50);

struct Slot {
  std::vector<RunOutcome> runs;
  bool done = false;
  UnitEnd end;
};

class Campaign {
 public:
  explicit Campaign(const CampaignOptions& options)
      : options_(options),
        plan_(options.plan),
        per_unit_cap_(options.budget.runs.value_or(kUnlimited)),
        window_(4 * std::max(1u, options.jobs)) {
    if (plan_.exhaustive()) {
      unit_limit_ = plan_.scenario ? 1 : kUnlimited;
    } else {
      unit_limit_ = options.budget.runs.value_or(kUnlimited);
    }
  }

  CampaignStats run() {
    start_ = Clock::now();
    std::vector<std::thread> workers;
    for (unsigned i = 0; i < std::max(1u, options_.jobs); ++i) {
      workers.emplace_back([this] { work(); });
    }
    merge_until_done();
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    window_moved_.notify_all();
    for (std::thread& worker : workers) worker.join();
    if (worker_error_) std::rethrow_exception(worker_error_);
    stats_.seconds = elapsed();
    stats_.distinct_interleavings = hashes_.size();
    return std::move(stats_);
  }

 private:
  double elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

  void work() {
    try {
      UnitRunner runner;
      for (;;) {
        std::uint64_t unit = 0;
        {
          std::unique_lock<std::mutex> lock(mutex_);
          window_moved_.wait(lock, [&] {
            return stop_ || next_unit_ >= unit_limit_ || next_unit_ < head_ + window_;
          });
          if (stop_ || next_unit_ >= unit_limit_) return;
          unit = next_unit_++;
          slots_[unit];
        }
        const UnitEnd end = runner.run(plan_, unit, per_unit_cap_, [&](RunOutcome&& outcome) {
          const std::lock_guard<std::mutex> lock(mutex_);
          slots_[unit].runs.push_back(std::move(outcome));
          if (unit == head_) produced_.notify_one();
          return !stop_;
        });
        {
          const std::lock_guard<std::mutex> lock(mutex_);
          slots_[unit].done = true;
          slots_[unit].end = end;
        }
        produced_.notify_one();
      }
    } catch (...) {
      const std::lock_guard<std::mutex> lock(mutex_);
      if (!worker_error_) worker_error_ = std::current_exception();
      stop_ = true;
      produced_.notify_one();
    }
  }

  bool head_has_news() const {
    const auto slot = slots_.find(head_);
    return slot != slots_.end() && (slot->second.runs.size() > head_consumed_ || slot->second.done);
  }

  void merge_until_done() {
    auto last_progress = Clock::now();
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        produced_.wait_for(lock, kMergePoll, [&] { return head_has_news() || stop_; });
        if (worker_error_) return;
        const std::uint64_t head_before = head_;
        const bool finished = merge_available(lock);
        if (head_ != head_before) window_moved_.notify_all();
        if (finished) return;
      }
      if (options_.stop_requested && options_.stop_requested()) {
        stats_.stopped = StopReason::kInterrupted;
        return;
      }
      if (options_.budget.seconds && elapsed() >= *options_.budget.seconds) {
        stats_.stopped = StopReason::kTime;
        return;
      }
      if (options_.on_progress &&
          std::chrono::duration<double>(Clock::now() - last_progress).count() >=
              options_.progress_interval) {
        last_progress = Clock::now();
        stats_.seconds = elapsed();
        stats_.distinct_interleavings = hashes_.size();
        options_.on_progress(stats_);
      }
    }
  }

  // Merges what is ready at the head, in unit order; true when the campaign is over.
  bool merge_available(std::unique_lock<std::mutex>& lock) {
    for (;;) {
      if (head_ >= unit_limit_) {
        stats_.stopped = plan_.exhaustive() ? StopReason::kExhausted : StopReason::kRuns;
        return true;
      }
      const auto found = slots_.find(head_);
      if (found == slots_.end()) return false;
      Slot& slot = found->second;
      while (head_consumed_ < slot.runs.size()) {
        if (head_consumed_ == 0) ++stats_.scenarios;
        absorb(std::move(slot.runs[head_consumed_++]));
        if (options_.budget.runs && stats_.runs >= *options_.budget.runs) {
          // Whether the head unit was walked completely is known only once
          // its worker says so or runs it further; wait for that, so the
          // count does not depend on timing.
          produced_.wait(lock, [&] {
            return slot.done || slot.runs.size() > head_consumed_ || worker_error_ != nullptr;
          });
          if (slot.done && head_consumed_ == slot.runs.size()) finish_unit(slot);
          stats_.stopped = StopReason::kRuns;
          return true;
        }
      }
      if (!slot.done) return false;
      finish_unit(slot);
      slots_.erase(found);
      ++head_;
      head_consumed_ = 0;
    }
  }

  void finish_unit(const Slot& slot) {
    if (slot.end.exhausted) ++stats_.scenarios_exhausted;
    if (stats_.nondeterminism.empty()) stats_.nondeterminism = slot.end.nondeterminism;
  }

  void absorb(RunOutcome&& outcome) {
    const std::uint64_t run = stats_.runs++;
    stats_.decisions += outcome.steps;
    stats_.marks += outcome.marks;
    hashes_.insert(outcome.trace_hash);
    if (outcome.determinism_checked) ++stats_.determinism_checks;
    for (const oracle::Invariant invariant : outcome.broken) {
      ++stats_.runs_breaking[static_cast<std::size_t>(invariant)];
    }
    if (!outcome.failure) return;
    ++stats_.failing_runs;
    if (!invariants_.insert(outcome.failure->invariant).second) return;
    outcome.failure->run = run;
    stats_.findings.push_back(std::move(*outcome.failure));
  }

  const CampaignOptions& options_;
  const CampaignPlan& plan_;
  const std::uint64_t per_unit_cap_;
  const std::uint64_t window_;
  std::uint64_t unit_limit_ = kUnlimited;
  Clock::time_point start_;

  std::mutex mutex_;
  std::condition_variable produced_;      // the merge waits for results
  std::condition_variable window_moved_;  // workers wait for the merge to catch up
  std::map<std::uint64_t, Slot> slots_;   // units started and not yet merged
  std::uint64_t next_unit_ = 0;
  std::uint64_t head_ = 0;  // the unit being merged
  std::size_t head_consumed_ = 0;
  bool stop_ = false;
  std::exception_ptr worker_error_;

  CampaignStats stats_;
  DistinctHashes hashes_;
  std::set<std::string> invariants_;
};

}  // namespace

CampaignStats run_campaign(const CampaignOptions& options) { return Campaign(options).run(); }

std::uint64_t marks_reached(const oracle::CoverageMarks& marks) {
  return static_cast<std::uint64_t>(
      std::count_if(marks.counts.begin(), marks.counts.end(), [](auto n) { return n > 0; }));
}

}  // namespace aion::cli
