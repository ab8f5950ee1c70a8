#include "props/lifecycle_properties.h"

namespace aion::props {

using oracle::Mark;
using scenario::Shape;

std::vector<PropertySpec> lifecycle_properties() {
  std::vector<PropertySpec> specs;

  specs.push_back(
      {"contract", builtin_mix(), {Mark::kMonitorOnExited, Mark::kNeverSpawnedRefused}});

  Profile exited;
  exited.shapes = {Shape::kComplete, Shape::kFail, Shape::kCrash, Shape::kLongWork};
  exited.monitor = 6;
  exited.never_spawned_target = 2;
  exited.deliver = 0;
  // A monitor lands in the exit window in about one case of a hundred: 600 cases reach it
  // with all but certainty (expected 6), where 150 would miss it one time in five.
  specs.push_back({"exited_and_never_spawned",
                   exited,
                   {Mark::kMonitorOnExited, Mark::kMonitorRacedExit, Mark::kMonitorInExitWindow,
                    Mark::kNeverSpawnedRefused},
                   600});

  Profile delivery;
  delivery.shapes = {Shape::kAwaitAny, Shape::kAwaitAll, Shape::kUntilCancelled, Shape::kComplete};
  delivery.deliver = 5;
  delivery.cancel = 2;
  delivery.monitor = 3;
  specs.push_back({"delivery_races_drain",
                   delivery,
                   {Mark::kDeliveryRefusedAfterExit, Mark::kDeliveryRacedDrain}});

  Profile duplicates;
  duplicates.monitor = 8;
  duplicates.never_spawned_target = 0;
  duplicates.max_prefix_spawns = 2;
  duplicates.min_branches = 3;
  specs.push_back({"duplicate_monitors", duplicates, {Mark::kDuplicateRefused}});

  Profile shutdown;
  shutdown.monitor = 5;
  shutdown.shutdown = 2;
  shutdown.spawn = 2;
  specs.push_back({"shutdown_races_install", shutdown, {Mark::kShutdownRacedMonitor}});

  Profile thread_starts;
  thread_starts.thread_start_fails = 400;
  thread_starts.monitor = 6;
  thread_starts.deliver = 2;
  specs.push_back({"thread_start_failure", thread_starts, {Mark::kThreadStartFailureUndone}});

  Profile churn;
  churn.shapes = {Shape::kUntilCancelled, Shape::kSleep, Shape::kLongWork, Shape::kAwaitAny};
  churn.churn = 3;
  churn.monitor = 4;
  churn.cancel = 2;
  churn.max_tombstones = 2;
  specs.push_back({"tombstone_churn", churn, {Mark::kTombstoneEvictedWhileMonitored}});

  return specs;
}

}  // namespace aion::props
