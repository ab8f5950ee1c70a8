#include "sim/engine/linear_extensions.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "sim/engine/hash.h"

namespace aion::sim {
namespace {

using Downset = std::vector<std::uint32_t>;  // steps taken, by fiber

struct DownsetHash {
  std::size_t operator()(const Downset& d) const {
    std::uint64_t h = 0x51ed27a3b1e9c5d7ULL;
    for (const std::uint32_t n : d) h = mix64(h ^ n);
    return static_cast<std::size_t>(h);
  }
};

}  // namespace

LinearExtensions count_linear_extensions(const HappensBefore& hb, std::size_t max_level) {
  const auto& steps = hb.steps();
  std::size_t fibers = 0;
  for (const auto& step : steps) fibers = std::max<std::size_t>(fibers, step.fiber + 1);
  std::vector<std::vector<std::int32_t>> by_fiber(fibers);  // step indices, in fiber order
  for (std::size_t i = 0; i < steps.size(); ++i) {
    by_fiber[steps[i].fiber].push_back(static_cast<std::int32_t>(i));
  }
  // A step can be added to a downset when the fiber is at it and every step of another fiber
  // that precedes it is in: its clock's entries are those counts.
  const auto addable = [&](const Downset& d, std::size_t f) {
    if (d[f] >= by_fiber[f].size()) return false;
    const std::int32_t index = by_fiber[f][d[f]];
    const auto& step = steps[static_cast<std::size_t>(index)];
    const std::uint32_t* clock = hb.clock_at(index);
    for (std::size_t g = 0; g < step.width; ++g) {
      if (g != f && clock[g] > d[g]) return false;
    }
    return true;
  };
  LinearExtensions result;
  std::unordered_map<Downset, double, DownsetHash> level{{Downset(fibers, 0), 1.0}};
  std::unordered_map<Downset, double, DownsetHash> next;
  for (std::size_t size = 0; size < steps.size(); ++size) {
    next.clear();
    for (const auto& [downset, ways] : level) {
      Downset grown = downset;
      for (std::size_t f = 0; f < fibers; ++f) {
        if (!addable(downset, f)) continue;
        ++grown[f];
        next[grown] += ways;
        --grown[f];
      }
    }
    if (next.empty()) return result;  // not a poset of these steps: cannot happen
    result.widest = std::max(result.widest, next.size());
    if (next.size() > max_level) return result;
    // Rescaled at each level so that the counts stay in range; the scale goes to the log.
    double largest = 0;
    for (const auto& entry : next) largest = std::max(largest, entry.second);
    for (auto& entry : next) entry.second /= largest;
    result.log_count += std::log(largest);
    std::swap(level, next);
  }
  result.counted = true;
  result.log_count += std::log(level.begin()->second);
  return result;
}

}  // namespace aion::sim
