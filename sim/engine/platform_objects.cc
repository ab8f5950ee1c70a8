#include "sim/engine/platform_objects.h"

#include "sim/engine/hash.h"

namespace aion::sim::detail {

SimMutex::SimMutex(Scheduler& scheduler, std::string_view name) : scheduler_(scheduler) {
  state_.name = name;
  state_.name_hash = hash_text(name);
}

SimCondVar::SimCondVar(Scheduler& scheduler, std::string_view name) : scheduler_(scheduler) {
  state_.name = name;
  state_.name_hash = hash_text(name);
}

}  // namespace aion::sim::detail
