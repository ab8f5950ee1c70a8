// AION_SIM_TEST(Suite, Name) { ... }: a GoogleTest test whose body runs under
// aion::sim::check (check.h) with the default options and the environment's (AION_SEED,
// AION_RUNS, AION_STRATEGY, AION_REPLAY); AION_SIM_TEST_WITH(Suite, Name, options) gives its
// own. A failure is the test's, with the report in its output and the failure file in Bazel's
// undeclared outputs (bazel-testlogs/.../test.outputs/).
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>

#include "sim/check/check.h"

namespace aion::sim {

inline void expect_check(const char* name, const std::function<void()>& body,
                         CheckOptions options) {
  options.name = name;
  try {
    const CheckResult result = check(body, options.with_environment());
    if (!result.passed()) ADD_FAILURE() << result.report;
  } catch (const std::invalid_argument& bad) {
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
