// AION_SIM_TEST(Suite, Name) { ... }: a GoogleTest test whose body runs under
// aion::sim::check (check.h) with the default options and the environment's (AION_SEED,
// AION_RUNS, AION_STRATEGY, AION_REPLAY); AION_SIM_TEST_WITH(Suite, Name, options) gives its
// own. A failure is the test's, with the report in its output and the failure file in Bazel's
// undeclared outputs (bazel-testlogs/.../test.outputs/). While a failure file is replayed,
// the binary's other tests are skipped; AION_SHRINK=FILE shrinks its run further. A run that
// takes the process down is on disk first (its file in the same place). //sim/check:gtest_main
// reads the same options as flags: bazel run //my:test -- --aion_replay=FILE --aion_html=PAGE.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <stdexcept>

#include "sim/check/check.h"
#include "sim/check/check_file.h"

namespace aion::sim {

inline void expect_check(const char* name, const std::function<void()>& body,
                         CheckOptions options) {
  options.name = name;
  try {
    options = options.with_environment();
    // A binary holds many tests; a failure file replays (or shrinks) in its own test alone.
    const std::string& given = options.replay.empty() ? options.shrink : options.replay;
    if (!given.empty() && read_check_file(given).test != name) {
      GTEST_SKIP() << "replaying " << given << ", a failure of another test";
    }
    const CheckResult result = check(body, options);
    if (!result.passed()) {
      ADD_FAILURE() << result.report;
    } else if (!given.empty()) {
      std::printf("%s", result.report.c_str());  // what became of the file's run, passing now
    }
  } catch (const std::exception& bad) {
    ADD_FAILURE() << name << ": " << bad.what();
  }
}

}  // namespace aion::sim

#define AION_SIM_TEST_WITH(suite, name, options)                                          \
  static void aion_sim_body_##suite##_##name();                                           \
  TEST(suite, name) {                                                                     \
    ::aion::sim::expect_check(#suite "." #name, aion_sim_body_##suite##_##name, options); \
  }                                                                                       \
  static void aion_sim_body_##suite##_##name()

#define AION_SIM_TEST(suite, name) AION_SIM_TEST_WITH(suite, name, ::aion::sim::CheckOptions{})
