// The seed's two tests (../shared/seed/000_b4a4c9d36c6f1e90.txt, the
// `tests` module of the Rust monitor), ported to the C++ runtime: a monitor
// installs on a process that already exited, and a monitor on a pid this
// runtime never spawned is refused.
#include <gtest/gtest.h>

#include "tests/test_support.h"

namespace aion::testing {
namespace {

using runtime::ErrorKind;
using runtime::RuntimeConfig;

TEST(SeedMonitorTest, MonitorInstallsForProcessThatAlreadyExited) {
  platform::RealPlatform platform;
  auto runtime = start_runtime(platform, RuntimeConfig::with_schedulers(1));
  ASSERT_NE(runtime, nullptr);
  auto pid = runtime->spawn_test_process();
  ASSERT_TRUE(pid.ok()) << pid.error();
  ASSERT_TRUE(runtime->cancel_pid(pid.value()).ok());
  ASSERT_FALSE(runtime->is_live(pid.value()))
      << "terminated test process should leave the live table";

  // A workflow can finish on a scheduler thread before its completion
  // monitor installs; the monitor must still observe the exit outcome
  // instead of rejecting the pid.
  CallbackRecorder recorder;
  auto handle = runtime->monitor_process(pid.value(), recorder.callback(pid.value()));
  ASSERT_TRUE(handle.ok()) << handle.error();
  EXPECT_TRUE(handle.value().is_installed());
  ASSERT_TRUE(recorder.wait_for(pid.value(), kTimeout)) << "the callback did not fire in 10 s";
  // The seed leaves the outcome to other tests; here it is known: the test
  // process was cancelled.
  EXPECT_TRUE(HasOutcome(recorder.first(pid.value()), cancelled(pid.value())));

  ASSERT_TRUE(runtime->shutdown().ok());
  EXPECT_EQ(recorder.count(pid.value()), 1u);
}

TEST(SeedMonitorTest, MonitorRejectsPidNeverSpawnedByThisRuntime) {
  platform::RealPlatform platform;
  auto runtime = start_runtime(platform, RuntimeConfig::with_schedulers(1));
  ASSERT_NE(runtime, nullptr);
  CallbackRecorder recorder;
  auto handle = runtime->monitor_process(9'999, recorder.callback(9'999));
  ASSERT_FALSE(handle.ok()) << "monitor accepted a pid this runtime never spawned";
  EXPECT_NE(handle.error().message.find("never spawned"), std::string::npos) << handle.error();
  EXPECT_EQ(handle.error().kind, ErrorKind::kNeverSpawned);

  ASSERT_TRUE(runtime->shutdown().ok());
  EXPECT_EQ(recorder.total(), 0u) << "a refused monitor's callback ran";
  EXPECT_EQ(recorder.callbacks_held(), 0) << "the runtime kept a refused monitor's callback";
}

}  // namespace
}  // namespace aion::testing
