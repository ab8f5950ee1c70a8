// main() for the property tests. Under Bazel sharding every shard runs every
// property, each on its own part of the seed space (see campaign_seed), so the
// test runner must not split the tests between shards as GoogleTest would.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

int main(int argc, char** argv) {
  if (const char* status = std::getenv("TEST_SHARD_STATUS_FILE")) {
    std::ofstream touch(status);
  }
  unsetenv("GTEST_SHARD_INDEX");
  unsetenv("GTEST_TOTAL_SHARDS");
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
