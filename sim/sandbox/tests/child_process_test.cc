// A child's work may end its process any way it likes; the parent always learns how, and
// keeps every frame the child finished writing.
#include "sim/sandbox/child_process.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "sim/sandbox/frames.h"

namespace aion::sandbox {
namespace {

ChildRun run(const std::function<void(int)>& body,
             std::optional<std::chrono::milliseconds> watchdog = std::nullopt) {
  auto ran = run_in_child(body, watchdog);
  if (auto* error = std::get_if<std::string>(&ran)) ADD_FAILURE() << *error;
  return std::get<ChildRun>(ran);
}

TEST(ChildProcess, FramesCrossWholeAndACleanEndIsClean) {
  const ChildRun ran = run([](int fd) {
    write_frame(fd, "first");
    write_frame(fd, std::string(200000, 'x'));
    write_frame(fd, "");
  });
  EXPECT_TRUE(ran.ending.clean()) << ran.ending.describe();
  ASSERT_EQ(ran.frames.size(), 3u);
  EXPECT_EQ(ran.frames[0], "first");
  EXPECT_EQ(ran.frames[1].size(), 200000u);
  EXPECT_FALSE(ran.cut);
}

TEST(ChildProcess, ASegmentationFaultEndsTheChildNotTheParent) {
  const ChildRun ran = run([](int fd) {
    write_frame(fd, "before");
    *static_cast<volatile int*>(nullptr) = 1;
  });
  ASSERT_EQ(ran.frames.size(), 1u);
  EXPECT_FALSE(ran.ending.clean());
  // Under the sanitizers the child reports the fault itself and exits.
  const bool by_signal = ran.ending.signal == SIGSEGV;
  const std::string said = ran.ending.stderr_headline();
  const bool reported =
      said.find("SEGV") != std::string::npos || said.find("null pointer") != std::string::npos;
  EXPECT_TRUE(by_signal || reported) << ran.ending.describe() << ": " << ran.ending.stderr_tail;
}

TEST(ChildProcess, AnAbortIsASignalAndItsLastWordsAreKept) {
  const ChildRun ran = run([](int) {
    std::fputs("about to give up\n", stderr);
    std::abort();
  });
  EXPECT_EQ(ran.ending.signal, SIGABRT) << ran.ending.describe();
  EXPECT_EQ(ran.ending.describe(), "killed by SIGABRT (aborted)");
  EXPECT_EQ(ran.ending.stderr_headline(), "about to give up");
}

TEST(ChildProcess, WorkThatNeverEndsIsKilledByTheWatchdog) {
  const ChildRun ran = run(
      [](int fd) {
        write_frame(fd, "started");
        volatile bool forever = true;
        while (forever) {
        }
      },
      std::chrono::milliseconds(200));
  EXPECT_TRUE(ran.ending.watchdog);
  EXPECT_EQ(ran.ending.signal, SIGKILL);
  ASSERT_EQ(ran.frames.size(), 1u);
}

TEST(ChildProcess, AFrameCutByTheChildsDeathIsNotDelivered) {
  const ChildRun ran = run([](int fd) {
    write_frame(fd, "whole");
    const char half[] = "100\nonly a part";
    (void)::write(fd, half, sizeof half - 1);
    ::_exit(3);
  });
  EXPECT_EQ(ran.ending.status, 3);
  EXPECT_EQ(ran.frames.size(), 1u);
  EXPECT_TRUE(ran.cut);
}

TEST(ChildProcess, AnExceptionThatEscapesIsACrash) {
  const ChildRun ran = run([](int) { throw std::runtime_error("escaped"); });
  EXPECT_EQ(ran.ending.signal, SIGABRT);
  EXPECT_NE(ran.ending.stderr_headline().find("escaped"), std::string::npos);
}

}  // namespace
}  // namespace aion::sandbox
