#include "sim/engine/schedule.h"

#include <gtest/gtest.h>

namespace aion::sim {
namespace {

TEST(ScheduleTest, FormatsAndParsesEveryKindOfChoice) {
  Schedule schedule(3);
  schedule[0].step = 4;
  schedule[0].value = 1;
  schedule[0].options = 3;
  schedule[1].step = 9;
  schedule[1].value = 0;
  schedule[1].options = 2;
  schedule[1].preemption = true;
  schedule[2].step = 12;
  schedule[2].value = 250;
  schedule[2].options = 10001;
  schedule[2].kind = ChoiceKind::kFault;
  schedule[2].site = FaultSite::kWakeupDelayed;
  const std::string text = format_schedule(schedule);
  EXPECT_EQ(text, "1/3@4 0/2@9! f:wakeup_delayed=250/10001@12");
  EXPECT_EQ(parse_schedule(text), schedule);
  EXPECT_EQ(count_preemptions(schedule), 1u);
}

// notify_all wakes several waiters in one step, each an opportunity for a delayed wake-up:
// the choice says which.
TEST(ScheduleTest, AFaultNamesItsOpportunityWithinTheStep) {
  const auto parsed = parse_schedule("f:wakeup_delayed=7/10001@40+2 0/2@41");
  ASSERT_TRUE(parsed.has_value());
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ((*parsed)[0].nth, 2u);
  EXPECT_EQ((*parsed)[0].step, 40u);
  EXPECT_EQ((*parsed)[1].nth, 0u);
  EXPECT_EQ(format_schedule(*parsed), "f:wakeup_delayed=7/10001@40+2 0/2@41");
}

TEST(ScheduleTest, RejectsMalformedText) {
  EXPECT_FALSE(parse_schedule("1/3").has_value());
  EXPECT_FALSE(parse_schedule("x/3@1").has_value());
  EXPECT_FALSE(parse_schedule("f:no_such_site=1/2@3").has_value());
  EXPECT_FALSE(parse_schedule("1/3@4?").has_value());
  EXPECT_FALSE(parse_schedule("1/3@4+1").has_value());  // only a fault has an opportunity
  EXPECT_FALSE(parse_schedule("f:extra_yield=1/2@3+0").has_value());
  EXPECT_FALSE(parse_schedule("f:extra_yield=1/2@3+").has_value());
  EXPECT_EQ(parse_schedule(""), Schedule{});
}

}  // namespace
}  // namespace aion::sim
