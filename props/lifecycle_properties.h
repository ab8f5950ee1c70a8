// The lifecycle properties, as data: each a name, a profile weighting the
// situations it exists to explore, and the coverage marks it must reach. The
// property tests run them on the correct runtime; the bug zoo runs the same
// ones, unchanged, against each re-created defect.
#pragma once

#include <vector>

#include "props/property_harness.h"

namespace aion::props {

std::vector<PropertySpec> lifecycle_properties();

}  // namespace aion::props
