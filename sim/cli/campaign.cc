#include "sim/cli/campaign.h"

#include <poll.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <utility>

#include "sim/cli/distinct_hashes.h"
#include "sim/cli/unit_wire.h"
#include "sim/sandbox/child_process.h"
#include "sim/sandbox/frames.h"
#include "sim/sandbox/shared_memory.h"

namespace aion::cli {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::uint64_t kUnlimited = std::numeric_limits<std::uint64_t>::max();
// A worker process of a case strategy gathers its frames into writes of about this size: a
// run's outcome then costs no system call of its own. What a death loses of them is run again.
constexpr std::size_t kGatheredBytes = 64 * 1024;
// How often the merge looks for results when nobody wakes it.
constexpr auto kMergePoll = std::chrono::milliseconds(50);
// The live rate of new classes is measured over this many seconds.
constexpr double kRateWindow = 2.0;
// Decisions of a run that a systematic search can go on after, should its process die: 768 KiB.
constexpr std::size_t kMirroredDecisions = 1 << 16;
// Worker processes that die before they ran anything are the harness's fault, not a finding.
constexpr int kDeathsBeforeAnyRun = 3;

struct Slot {
  std::vector<RunOutcome> runs;
  bool done = false;
  UnitEnd end;
};

// What a worker process tells its parent through shared memory rather than frames, since
// it changes with every run: the step of its run's last scheduling point, the unit it runs,
// and how many runs it has begun.
struct WorkerState {
  std::atomic<std::uint64_t> step{0};
  std::atomic<std::uint64_t> unit{0};
  std::atomic<std::uint64_t> runs_begun{0};
  // The decisions of the run it is in, so that a new worker can go on with a systematic search
  // after a death (pages that nothing writes cost nothing).
  std::atomic<std::uint64_t> path_length{0};
  std::array<sim::DecisionRecord, kMirroredDecisions> path;
  sim::DecisionMirror mirror{path.data(), path.size(), &path_length};
};

// The units of a campaign run either on worker threads of this process, or
// (isolated) in child processes that each run a batch of units: the merge,
// in unit order, is the same for both.
class Campaign {
 public:
  explicit Campaign(const CampaignOptions& options)
      : options_(options),
        plan_(options.plan),
        per_unit_cap_(options.budget.runs.value_or(kUnlimited)),
        window_(4 * std::max(1u, options.jobs) *
                (options.isolate ? std::max<std::uint64_t>(options.batch, 1) : 1)) {
    if (plan_.strategy.systematic() && plan_.scenario) {
      unit_limit_ = plan_.units_of_shard(1);
    } else if (!plan_.strategy.systematic() && options.budget.runs) {
      unit_limit_ = plan_.units_of_shard(*options.budget.runs);
    }
  }

  CampaignStats run() {
    start_ = Clock::now();
    if (options_.isolate) {
      run_isolated();
    } else {
      run_threaded();
    }
    refresh_stats();
    return std::move(stats_);
  }

 private:
  enum class Merged { kMore, kFinished, kHeadPending };

  double elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

  // The figures of the stats that are not counted run by run, as they are now.
  void refresh_stats() {
    stats_.seconds = elapsed();
    stats_.distinct_classes = hashes_->size();
    stats_.classes_exact = hashes_->exact();
    stats_.classes = hashes_;
    if (stats_.seconds - rate_since_ >= kRateWindow) {
      stats_.new_classes_per_second = static_cast<double>(stats_.distinct_classes - rate_count_) /
                                      (stats_.seconds - rate_since_);
      rate_since_ = stats_.seconds;
      rate_count_ = stats_.distinct_classes;
    }
  }

  // --- Worker threads (in-process).

  void run_threaded() {
    std::vector<std::thread> workers;
    for (unsigned i = 0; i < std::max(1u, options_.jobs); ++i) {
      workers.emplace_back([this] { work(); });
    }
    auto last_progress = Clock::now();
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        produced_.wait_for(lock, kMergePoll, [&] { return head_has_news() || stop_; });
        if (worker_error_) break;
        const std::uint64_t head_before = head_;
        Merged merged = merge_available();
        while (merged == Merged::kHeadPending) {
          produced_.wait(lock, [&] { return head_has_news() || worker_error_ != nullptr; });
          merged = worker_error_ ? Merged::kFinished : merge_available();
        }
        if (head_ != head_before) window_moved_.notify_all();
        if (merged == Merged::kFinished) break;
      }
      if (should_stop()) break;
      report_progress(last_progress);
    }
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    window_moved_.notify_all();
    for (std::thread& worker : workers) worker.join();
    if (worker_error_) std::rethrow_exception(worker_error_);
  }

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
        const UnitEnd end =
            runner.run(plan_, plan_.unit_at(unit), per_unit_cap_, [&](RunOutcome&& outcome) {
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

  // --- Child processes (isolated).

  // A child process running the units [next, end), and the run it is in. For an exhaustive
  // walk each run is announced by a frame (with the case the parent cannot derive); for a case
  // strategy the shared state says which unit runs, and outcomes come gathered: a death loses
  // the outcomes not yet written, and their units are run again.
  struct Worker {
    std::optional<sandbox::ChildProcess> process;
    std::unique_ptr<sandbox::Shared<WorkerState>> shared;
    std::uint64_t next = 0;
    std::uint64_t end = 0;
    bool in_run = false;
    bool ran_any = false;
    std::uint64_t runs_begun_seen = 0;
    std::optional<lifecycle::LifecycleCase> running;  // when the parent cannot derive it
    Clock::time_point run_started;
    sandbox::FrameReader frames;
  };

  bool gathered() const { return !plan_.strategy.systematic(); }

  void run_isolated() {
    std::vector<Worker> workers;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> left_over;  // batches to finish
    auto last_progress = Clock::now();
    for (;;) {
      const std::lock_guard<std::mutex> lock(mutex_);
      while (workers.size() < std::max(1u, options_.jobs)) {
        std::pair<std::uint64_t, std::uint64_t> batch;
        if (!left_over.empty()) {
          batch = left_over.back();
          left_over.pop_back();
        } else if (next_unit_ < unit_limit_ && next_unit_ < head_ + window_) {
          const std::uint64_t end =
              std::min({next_unit_ + std::max<std::uint64_t>(options_.batch, 1), unit_limit_,
                        head_ + window_});
          batch = {next_unit_, end};
          next_unit_ = end;
        } else {
          break;
        }
        workers.push_back(launch(batch.first, batch.second));
      }
      wait_for_frames(workers);
      for (std::size_t i = 0; i < workers.size();) {
        if (read_worker(workers[i], left_over)) {
          ++i;
        } else {
          workers.erase(workers.begin() + static_cast<std::ptrdiff_t>(i));
        }
      }
      Merged merged = merge_available();
      if (merged == Merged::kFinished) break;
      if (merged == Merged::kHeadPending) continue;
      if (should_stop()) break;
      report_progress(last_progress);
    }
    // Children still running are killed as they go.
  }

  Worker launch(std::uint64_t first, std::uint64_t end) {
    for (std::uint64_t unit = first; unit < end; ++unit) slots_[unit];
    Worker worker;
    worker.shared = std::make_unique<sandbox::Shared<WorkerState>>();
    worker.next = first;
    worker.end = end;
    WorkerState* shared = worker.shared->get();
    std::string error;
    auto child = sandbox::ChildProcess::start(
        [this, first, end, shared](int fd) { run_batch(fd, first, end, *shared); }, error);
    if (!child) throw std::runtime_error("cannot start a worker process: " + error);
    worker.process = std::move(child);
    return worker;
  }

  // In the child: the units of the batch, each run announced before it begins.
  void run_batch(int fd, std::uint64_t first, std::uint64_t end, WorkerState& shared) {
    UnitRunner runner;
    runner.set_step_beacon(&shared.step);
    runner.set_decision_mirror(&shared.mirror);
    // The parent's resumes as they were when it forked this worker.
    if (const auto resume = resumes_.find(first); resume != resumes_.end()) {
      runner.resume_next_unit(resume->second);
    }
    std::string gathering;
    const auto send = [&](const UnitMessage& message) {
      if (!gathered()) return sandbox::write_frame(fd, encode_message(message));
      gathering += sandbox::frame_of(encode_message(message));
      return true;
    };
    for (std::uint64_t unit = first; unit < end; ++unit) {
      const UnitEnd unit_end = runner.run(
          plan_, plan_.unit_at(unit), per_unit_cap_,
          [&](RunOutcome&& outcome) {
            return send(RunEnded{unit, std::move(outcome)});
          },
          [&](const lifecycle::LifecycleCase& next) {
            shared.step.store(0);
            shared.unit.store(unit);
            shared.runs_begun.fetch_add(1);
            if (!gathered()) sandbox::write_frame(fd, encode_message(RunBegins{unit, next}));
          });
      send(UnitEnded{unit, unit_end});
      // A unit's frames go together, so that the parent has all of a unit or none of it.
      if (gathering.size() >= kGatheredBytes) {
        if (!sandbox::write_all(fd, gathering)) return;
        gathering.clear();
      }
    }
    sandbox::write_all(fd, gathering);
  }

  void wait_for_frames(std::vector<Worker>& workers) {
    std::vector<pollfd> fds;
    for (const Worker& worker : workers) {
      for (const int fd : {worker.process->frames_fd(), worker.process->stderr_fd()}) {
        if (fd >= 0) fds.push_back(pollfd{fd, POLLIN, 0});
      }
    }
    (void)::poll(fds.data(), fds.size(), static_cast<int>(kMergePoll.count()));
  }

  // Takes in what the worker wrote; false once it is gone (the rest of its batch, if
  // its process died in a run, goes to `left_over`).
  bool read_worker(Worker& worker,
                   std::vector<std::pair<std::uint64_t, std::uint64_t>>& left_over) {
    std::string bytes;
    const bool open = worker.process->read_available(bytes);
    std::optional<sandbox::Ending> ending;
    if (!open) ending = worker.process->finish(bytes);
    worker.frames.add(bytes);
    while (auto frame = worker.frames.next()) {
      auto message = decode_message(*frame);
      if (!message) throw std::runtime_error("a worker process wrote a frame that is no message");
      take(worker, std::move(*message));
    }
    const WorkerState& shared = *worker.shared->get();
    if (gathered()) {
      const std::uint64_t begun = shared.runs_begun.load();
      if (begun != worker.runs_begun_seen) {
        worker.runs_begun_seen = begun;
        worker.run_started = Clock::now();
      }
      worker.in_run = begun != 0 && worker.next < worker.end;
    }
    if (!ending) {
      if (worker.in_run && Clock::now() - worker.run_started > options_.watchdog) {
        worker.process->kill(true);
      }
      return true;
    }
    if (worker.next >= worker.end) return false;
    if (gathered()) {
      const std::uint64_t unit = shared.unit.load();
      if (!worker.in_run || unit < worker.next || unit >= worker.end) {
        died_before_running(worker, *ending);
        left_over.push_back({worker.next, worker.end});
        return false;
      }
      record_death(worker, *ending, unit);
      // Units it finished whose outcomes it had not written yet are run again.
      if (worker.next < unit) left_over.push_back({worker.next, unit});
      if (unit + 1 < worker.end) left_over.push_back({unit + 1, worker.end});
      return false;
    }
    if (worker.in_run) {
      const bool walk_goes_on = plan_.strategy.systematic() && plan_resume(worker);
      record_death(worker, *ending, worker.next, !walk_goes_on);
      const std::uint64_t rest = walk_goes_on ? worker.next : worker.next + 1;
      if (rest < worker.end) left_over.push_back({rest, worker.end});
      return false;
    }
    Slot& slot = slots_[worker.next];
    if (!slot.runs.empty()) {
      // Between two runs of a walk: the walk ends with the runs it made.
      slot.done = true;
      ++worker.next;
    } else {
      died_before_running(worker, *ending);
    }
    if (worker.next < worker.end) left_over.push_back({worker.next, worker.end});
    return false;
  }

  // A worker that dies before it runs anything is the harness's fault, not a finding: after a
  // few, the campaign ends with why.
  void died_before_running(const Worker& worker, const sandbox::Ending& ending) {
    if (worker.ran_any || worker.runs_begun_seen != 0) return;
    if (++deaths_before_any_run_ >= kDeathsBeforeAnyRun) {
      throw std::runtime_error("worker processes die before they run anything: " +
                               ending.describe() + " " + ending.stderr_headline());
    }
  }

  void take(Worker& worker, UnitMessage&& message) {
    worker.ran_any = true;
    if (auto* begins = std::get_if<RunBegins>(&message)) {
      worker.in_run = true;
      worker.running = std::move(begins->lifecycle_case);
      worker.run_started = Clock::now();
      return;
    }
    if (auto* ended = std::get_if<RunEnded>(&message)) {
      worker.in_run = false;
      slots_[ended->unit].runs.push_back(std::move(ended->outcome));
      return;
    }
    const auto& unit = std::get<UnitEnded>(message);
    slots_[unit.unit].done = true;
    slots_[unit.unit].end = unit.end;
    worker.next = unit.unit + 1;
  }

  // Whether the walk the worker was in can go on after the run its process died in: then the
  // next worker to start the unit resumes it after that run.
  bool plan_resume(const Worker& worker) {
    const WorkerState& shared = *worker.shared->get();
    const std::uint64_t length = shared.path_length.load(std::memory_order_acquire);
    if (length > shared.path.size()) return false;
    lifecycle::ProgramResume resume;
    resume.decisions.assign(shared.path.begin(),
                            shared.path.begin() + static_cast<std::ptrdiff_t>(length));
    resume.runs = slots_[worker.next].runs.size() + 1;
    resumes_[worker.next] = std::move(resume);
    return true;
  }

  // The run the worker was in when its process died is a finding; unless its walk goes on,
  // its unit ends there.
  void record_death(const Worker& worker, const sandbox::Ending& ending, std::uint64_t unit,
                    bool ends_unit = true) {
    const lifecycle::LifecycleCase c =
        worker.running ? *worker.running : case_of(plan_, plan_.unit_at(unit));
    lifecycle::CaseResult died;
    died.run = lifecycle::run_that_died(ending, worker.shared->get()->step.load(),
                                        c.strategy.text(), c.seed);
    RunOutcome outcome;
    outcome.died = true;
    outcome.steps = died.run.steps;
    outcome.broken = died.all_broken();
    outcome.headlines = {died.headline()};
    outcome.failure = finding_of(c, died);
    outcome.failure->defects = plan_.defects;
    Slot& slot = slots_[unit];
    slot.runs.push_back(std::move(outcome));
    slot.done = ends_unit;
  }

  // --- The merge, shared by both ways of running.

  bool head_has_news() const {
    const auto slot = slots_.find(head_);
    return slot != slots_.end() && (slot->second.runs.size() > head_consumed_ || slot->second.done);
  }

  bool should_stop() {
    if (options_.stop_requested && options_.stop_requested()) {
      stats_.stopped = StopReason::kInterrupted;
      return true;
    }
    if (options_.budget.seconds && elapsed() >= *options_.budget.seconds) {
      stats_.stopped = StopReason::kTime;
      return true;
    }
    return false;
  }

  void report_progress(Clock::time_point& last_progress) {
    if (!options_.on_progress ||
        std::chrono::duration<double>(Clock::now() - last_progress).count() <
            options_.progress_interval) {
      return;
    }
    last_progress = Clock::now();
    refresh_stats();
    options_.on_progress(stats_);
  }

  // Merges what is ready at the head, in unit order. kHeadPending: the runs budget is
  // spent in the middle of an exhaustive walk, and whether that scenario was walked
  // completely is known only once its unit says so or runs further (so that the count
  // does not depend on timing): call again when it has news.
  Merged merge_available() {
    if (budget_spent_) return settle_head();
    for (;;) {
      if (head_ >= unit_limit_) {
        stats_.stopped = plan_.strategy.systematic() ? StopReason::kExhausted : StopReason::kRuns;
        return Merged::kFinished;
      }
      const auto found = slots_.find(head_);
      if (found == slots_.end()) return Merged::kMore;
      Slot& slot = found->second;
      while (head_consumed_ < slot.runs.size()) {
        if (head_consumed_ == 0) ++stats_.scenarios;
        absorb(std::move(slot.runs[head_consumed_++]));
        if (options_.budget.runs && stats_.runs >= *options_.budget.runs) {
          budget_spent_ = true;
          return settle_head();
        }
      }
      if (!slot.done) return Merged::kMore;
      finish_unit(slot);
      slots_.erase(found);
      ++head_;
      head_consumed_ = 0;
    }
  }

  Merged settle_head() {
    const Slot& slot = slots_[head_];
    if (plan_.strategy.systematic() && !slot.done && slot.runs.size() == head_consumed_) {
      return Merged::kHeadPending;
    }
    if (slot.done && head_consumed_ == slot.runs.size()) finish_unit(slot);
    stats_.stopped = StopReason::kRuns;
    return Merged::kFinished;
  }

  void finish_unit(const Slot& slot) {
    if (slot.end.covered) ++stats_.scenarios_covered;
    if (stats_.search_warning.empty()) stats_.search_warning = slot.end.warning;
  }

  void absorb(RunOutcome&& outcome) {
    ++stats_.runs;
    stats_.decisions += outcome.steps;
    stats_.marks += outcome.marks;
    if (!outcome.died) {
      const std::uint64_t before = hashes_->size();
      hashes_->insert(outcome.class_hash);
      if (hashes_->size() != before) {
        stats_.last_new_class_run = stats_.runs;
        stats_.last_new_class_seconds = elapsed();
      }
    }
    if (outcome.determinism_checked) ++stats_.determinism_checks;
    for (const oracle::Invariant invariant : outcome.broken) {
      ++stats_.runs_breaking[static_cast<std::size_t>(invariant)];
    }
    if (!outcome.failure) return;
    ++stats_.failing_runs;
    // Each invariant the run broke that no earlier run broke is a finding of its own, so that
    // an invariant only ever broken alongside another is saved too.
    for (std::size_t i = 0; i < outcome.broken.size(); ++i) {
      const std::string invariant(oracle::invariant_name(outcome.broken[i]));
      if (!invariants_.insert(invariant).second) continue;
      Finding finding = *outcome.failure;
      finding.invariant = invariant;
      if (i < outcome.headlines.size()) finding.headline = outcome.headlines[i];
      // The unit's index: the run of a case strategy, or the scenario of an exhaustive walk
      // (which a sharded campaign numbers the same in every shard).
      finding.run = plan_.unit_at(head_);
      stats_.findings.push_back(std::move(finding));
      if (!options_.on_finding) continue;
      refresh_stats();
      options_.on_finding(stats_.findings.back(), stats_);
    }
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
  bool budget_spent_ = false;
  int deaths_before_any_run_ = 0;

  CampaignStats stats_;
  std::shared_ptr<DistinctHashes> hashes_ = std::make_shared<DistinctHashes>();
  // Where the live rate of new classes was last measured from.
  double rate_since_ = 0;
  std::uint64_t rate_count_ = 0;
  std::set<std::string> invariants_;
  std::map<std::uint64_t, lifecycle::ProgramResume>
      resumes_;  // by unit: walks to go on after a death
};

}  // namespace

CampaignStats run_campaign(const CampaignOptions& options) { return Campaign(options).run(); }

std::uint64_t marks_reached(const oracle::CoverageMarks& marks) {
  return static_cast<std::uint64_t>(
      std::count_if(marks.counts.begin(), marks.counts.end(), [](auto n) { return n > 0; }));
}

}  // namespace aion::cli
