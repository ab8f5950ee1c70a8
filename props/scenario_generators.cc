#include "props/scenario_generators.h"

#include <vector>

#include "sim/engine/strategy_registry.h"
#include "sim/scenario/scenario_text.h"

namespace aion::scenario {

void showValue(const Scenario& scenario, std::ostream& os) { os << render(scenario); }

}  // namespace aion::scenario

namespace aion::lifecycle {

void showValue(const LifecycleCase& c, std::ostream& os) {
  os << "strategy " << c.strategy.text() << ", seed " << c.seed << ", " << c.choices.size()
     << " choices\n"
     << scenario::render(c.scenario);
}

}  // namespace aion::lifecycle

namespace aion::props {
namespace {

class RapidCheckDraws final : public scenario::Draws {
 public:
  std::uint64_t in_range(std::uint64_t low, std::uint64_t high) override {
    return *rc::gen::inRange<std::uint64_t>(low, high);
  }
  // At full size whatever the property's size: as rc::gen::elementOf and weightedElement do.
  std::uint64_t pick(std::uint64_t count) override {
    return *rc::gen::resize(100, rc::gen::inRange<std::uint64_t>(0, count));
  }
};

}  // namespace

rc::Gen<scenario::Scenario> gen_scenario(const Profile& profile) {
  return rc::gen::exec([profile] {
    RapidCheckDraws draws;
    return scenario::draw_scenario(profile, draws);
  });
}

rc::Gen<lifecycle::LifecycleCase> gen_case(const Profile& profile) {
  return rc::gen::exec([profile] {
    lifecycle::LifecycleCase c;
    c.scenario = *gen_scenario(profile);
    const std::string strategy = *rc::gen::weightedElement<std::string>({
        {profile.generated_weight, "generated"},
        {profile.random_weight, "random"},
        {profile.pct_weight, "pct"},
    });
    c.strategy = sim::strategy_named(
        strategy == "pct" ? "pct:" + std::to_string(*rc::gen::inRange<std::uint32_t>(1, 4))
                          : strategy);
    c.seed = *rc::gen::inRange<std::uint64_t>(0, 1u << 30);
    if (c.strategy.kind->takes_choices) {
      const auto length = *rc::gen::inRange<std::size_t>(0, 400);
      c.choices = *rc::gen::container<std::vector<std::uint32_t>>(
          length, rc::gen::inRange<std::uint32_t>(0, 4));
    }
    return c;
  });
}

lifecycle::LifecycleCase sample_case(const Profile& profile, std::uint64_t seed, int size) {
  return gen_case(profile)(rc::Random(seed), size).value();
}

scenario::Scenario sample_scenario(const Profile& profile, std::uint64_t seed, int size) {
  return gen_scenario(profile)(rc::Random(seed), size).value();
}

}  // namespace aion::props
