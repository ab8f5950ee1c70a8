// The property runner's isolation switch (AION_PROP_ISOLATE=1): code under test that ends
// its process fails its case as 'crashed' and the test reports it with a failure file,
// instead of ending the test; the same budget passes on the correct runtime.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "props/lifecycle_properties.h"
#include "props/property_harness.h"
#include "runtime/runtime_defects.h"

namespace aion::props {
namespace {

constexpr int kBudget = 300;

PropertySpec isolated(PropertySpec spec, const char* defect) {
  setenv("AION_PROP_ISOLATE", "1", 1);
  spec.default_cases = kBudget;
  spec.scalable = false;
  if (defect != nullptr) {
    spec.name += std::string("_") + defect;
    spec.options.runtime.defects = *runtime::RuntimeDefects::parse(defect);
  }
  return spec;
}

TEST(IsolatedProperties, ACrashOfTheCodeUnderTestFailsACaseAndIsSaved) {
  for (const char* defect : {"crash-segfault", "crash-abort"}) {
    bool found = false;
    for (const PropertySpec& spec : lifecycle_properties()) {
      const PropertyOutcome outcome = run_property(isolated(spec, defect));
      if (outcome.passed) continue;
      EXPECT_EQ(outcome.invariant, "crashed") << outcome.report;
      EXPECT_TRUE(std::filesystem::exists(outcome.failure_file)) << outcome.report;
      found = true;
      break;
    }
    EXPECT_TRUE(found) << defect << " was not found by any property in " << kBudget << " cases";
  }
}

TEST(IsolatedProperties, TheSameBudgetPassesOnTheCorrectRuntime) {
  for (const PropertySpec& spec : lifecycle_properties()) {
    const PropertyOutcome outcome = run_property(isolated(spec, nullptr));
    EXPECT_TRUE(outcome.passed) << outcome.report;
  }
}

}  // namespace
}  // namespace aion::props
