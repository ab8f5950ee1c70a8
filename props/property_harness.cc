#include "props/property_harness.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

#include "sim/lifecycle/case_shrinker.h"
#include "sim/lifecycle/case_timeline.h"
#include "sim/lifecycle/failure_file.h"
#include "sim/scenario/scenario_text.h"

namespace aion::props {
namespace {

constexpr std::size_t kShrinkRuns = 1500;
constexpr std::size_t kTimelineTail = 40;

std::uint64_t env_number(const char* name, std::uint64_t fallback) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  char* end = nullptr;
  const unsigned long long value = std::strtoull(text, &end, 10);
  return end != nullptr && *end == '\0' ? value : fallback;
}

bool rc_params_set(const char* key) {
  const char* params = std::getenv("RC_PARAMS");
  return params != nullptr && std::strstr(params, key) != nullptr;
}

std::uint64_t name_hash(const std::string& name) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const unsigned char c : name) hash = (hash ^ c) * 0x100000001b3ULL;
  return hash;
}

std::string outputs_dir() {
  const char* dir = std::getenv("TEST_UNDECLARED_OUTPUTS_DIR");
  return dir != nullptr ? dir : "/tmp";
}

// Where a person finds the file after `bazel test`: Bazel zips undeclared outputs.
std::string where_to_find(const std::string& file_name) {
  const char* target = std::getenv("TEST_TARGET");
  if (target == nullptr) return outputs_dir() + "/" + file_name;
  std::string package_path = target;
  if (package_path.rfind("//", 0) == 0) package_path = package_path.substr(2);
  for (auto& c : package_path) c = c == ':' ? '/' : c;
  return "unzip -o bazel-testlogs/" + package_path + "/test.outputs/outputs.zip " + file_name;
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
}

std::string report_failure(lifecycle::CaseRunner& runner, const PropertySpec& spec,
                           const lifecycle::CaseOptions& options,
                           const lifecycle::LifecycleCase& failing, const std::string& rc_report,
                           PropertyOutcome& outcome) {
  const auto shrunk = lifecycle::shrink_case(runner, failing, options, kShrinkRuns);
  // A run whose process died is not run again here, where it would end this one too: its
  // report has no timeline.
  lifecycle::CaseOptions traced = options;
  traced.record_trace = true;
  traced.isolate = false;
  const lifecycle::CaseResult result =
      shrunk.result.died() ? shrunk.result : runner.run(shrunk.smallest, traced);

  lifecycle::FailureFile file;
  file.lifecycle_case = shrunk.smallest;
  file.expect_invariant = result.invariant();
  file.violation = result.headline();
  file.schedule = result.run.schedule;
  file.trace_hash = result.run.trace_hash;
  file.defects = spec.options.runtime.defects;
  const std::string text = lifecycle::render_failure(file);
  const std::string file_name = spec.name + ".aionfail";
  const std::string failure_path = outputs_dir() + "/" + file_name;
  write_file(failure_path, text);
  outcome.failure_file = failure_path;
  outcome.invariant = result.invariant();
  outcome.shrunk_operations = shrunk.smallest.scenario.operation_count();
  outcome.shrunk_preemptions = lifecycle::preemptions_of(result);
  write_file(outputs_dir() + "/" + spec.name + ".timeline",
             lifecycle::render_timeline(lifecycle::case_timeline(result.run.trace, result.record,
                                                                 lifecycle::TimelineFilter::kAll)));
  const lifecycle::Excerpt excerpt = lifecycle::what_matters(result, kTimelineTail);

  std::ostringstream out;
  out << "property " << spec.name << " failed: " << result.invariant() << "\n  "
      << result.headline() << "\n\n"
      << "shrunk to " << shrunk.smallest.scenario.operation_count() << " operations and "
      << lifecycle::preemptions_of(result) << " preemptions (" << shrunk.runs
      << " shrink runs); scenario:\n"
      << scenario::render(shrunk.smallest.scenario) << "\nchoice list ("
      << shrunk.smallest.choices.size() << "):";
  for (const auto choice : shrunk.smallest.choices) out << " " << choice;
  out << "\n\ntimeline of the failing run: what happened to " << excerpt.about
      << " (the whole run is in the .timeline file):\n"
      << lifecycle::render_excerpt(excerpt) << "\nfailure file (" << failure_path << "):\n"
      << text << "\nreplay it:\n  " << where_to_find(file_name)
      << " && bazel run //:aionsim -- replay $PWD/" << file_name << "\n\nRapidCheck says:\n"
      << rc_report;
  return out.str();
}

}  // namespace

void PrintTo(const PropertySpec& spec, std::ostream* os) { *os << spec.name; }

std::uint64_t campaign_seed() {
  const std::uint64_t base = env_number("AION_PROP_SEED", 20261125);
  const std::uint64_t shard = env_number("TEST_SHARD_INDEX", 0);
  // Bazel numbers the repetitions of --runs_per_test from 1 in TEST_RANDOM_SEED: each
  // repetition explores its own seeds too.
  const std::uint64_t repetition = env_number("TEST_RANDOM_SEED", 0);
  return base + shard * 0x9e3779b97f4a7c15ULL + repetition * 0xc2b2ae3d27d4eb4fULL;
}

PropertyOutcome run_property(const PropertySpec& spec) {
  lifecycle::CaseRunner runner;
  lifecycle::CaseOptions options = spec.options;
  // Each case in a child process: code under test that crashes or hangs is a failing case.
  if (env_number("AION_PROP_ISOLATE", 0) != 0) options.isolate = true;
  PropertyOutcome outcome;
  std::optional<lifecycle::LifecycleCase> last_failure;
  const auto property = [&] {
    const lifecycle::LifecycleCase c = *gen_case(spec.profile);
    const lifecycle::CaseResult result = runner.run(c, options);
    ++outcome.cases;
    outcome.marks += result.marks;
    if (result.failed()) {
      // RapidCheck adopts every failing shrink, so the last failure is the smallest.
      last_failure = c;
      RC_FAIL(result.invariant() + ": " + result.headline());
    }
  };
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  if (!rc_params_set("seed=")) params.seed = campaign_seed() ^ name_hash(spec.name);
  if (!spec.scalable) {
    params.maxSuccess = spec.default_cases;
  } else if (!rc_params_set("max_success=")) {
    params.maxSuccess = static_cast<int>(
        env_number("AION_PROP_CASES", static_cast<std::uint64_t>(spec.default_cases)));
  }
  rc::detail::TestMetadata metadata;
  metadata.id = spec.name;
  metadata.description = spec.name;
  const auto result = rc::detail::checkTestable(property, metadata, params);
  std::ostringstream rc_report;
  rc::detail::printResultMessage(result, rc_report);
  if (result.template is<rc::detail::SuccessResult>()) {
    outcome.report = spec.name + ": " + std::to_string(outcome.cases) +
                     " cases passed; coverage marks: " + outcome.marks.describe();
    return outcome;
  }
  outcome.passed = false;
  outcome.report =
      last_failure ? report_failure(runner, spec, options, *last_failure, rc_report.str(), outcome)
                   : rc_report.str();
  return outcome;
}

void expect_property_holds(const PropertySpec& spec) {
  const PropertyOutcome outcome = run_property(spec);
  if (!outcome.passed) {
    ADD_FAILURE() << outcome.report;
    return;
  }
  std::cout << outcome.report << "\n";
  for (const oracle::Mark mark : spec.required_marks) {
    EXPECT_GT(outcome.marks[mark], 0u)
        << spec.name << " never reached " << oracle::mark_name(mark) << " in " << outcome.cases
        << " cases: it has not explored what it is for";
  }
}

}  // namespace aion::props
