#include "sim/scenario/scenario_text.h"

#include <sstream>
#include <vector>

#include "sim/engine/whole_number.h"

namespace aion::scenario {
namespace {

std::string render_target(const Target& target) {
  return (target.is_label ? "p" : "") + std::to_string(target.value);
}

std::vector<std::string> words_of(const std::string& line) {
  std::istringstream in(line.substr(0, line.find('#')));
  std::vector<std::string> words;
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

bool parse_target(const std::string& text, Target& target) {
  if (!text.empty() && text[0] == 'p') {
    target.is_label = true;
    return sim::parse_whole_number(text.substr(1), target.value);
  }
  target.is_label = false;
  return sim::parse_whole_number(text, target.value);
}

class Parser {
 public:
  std::variant<Scenario, ParseError> run(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
      ++line_number_;
      const auto words = words_of(line);
      if (words.empty()) continue;
      if (auto error = parse_line(words)) return ParseError{line_number_, *error};
    }
    if (!seen_config_) return ParseError{0, "no 'config' line"};
    if (auto error = validate(scenario_)) return ParseError{0, *error};
    return scenario_;
  }

 private:
  std::optional<std::string> parse_line(const std::vector<std::string>& words) {
    const std::string& head = words[0];
    if (head == "config") return parse_config(words);
    if (!seen_config_) return "expected the 'config' line first, found '" + head + "'";
    if (head == "prefix" || head == "branch") {
      if (words.size() != 1) return "'" + head + "' stands alone on its line";
      if (head == "prefix" && (in_prefix_ || !scenario_.branches.empty())) {
        return "'prefix' comes once, before the branches";
      }
      in_prefix_ = head == "prefix";
      if (head == "branch") scenario_.branches.emplace_back();
      return std::nullopt;
    }
    if (!in_prefix_ && scenario_.branches.empty()) {
      return "operation '" + head + "' before 'prefix' or 'branch'";
    }
    auto op = parse_op(words);
    if (auto* error = std::get_if<std::string>(&op)) return *error;
    (in_prefix_ ? scenario_.prefix : scenario_.branches.back()).push_back(std::get<Op>(op));
    return std::nullopt;
  }

  std::optional<std::string> parse_config(const std::vector<std::string>& words) {
    if (seen_config_) return "a second 'config' line";
    seen_config_ = true;
    for (std::size_t i = 1; i < words.size(); ++i) {
      const auto eq = words[i].find('=');
      if (eq == std::string::npos) return "config takes key=value, not '" + words[i] + "'";
      const std::string key = words[i].substr(0, eq);
      const std::string value = words[i].substr(eq + 1);
      std::uint64_t number = 0;
      if (key == "faults") {
        if (auto error = parse_faults(value)) return error;
      } else if (!sim::parse_whole_number(value, number) || number > 1'000'000) {
        return "config " + key + " needs a small number, not '" + value + "'";
      } else if (key == "schedulers") {
        scenario_.config.schedulers = static_cast<std::uint32_t>(number);
      } else if (key == "tombstones") {
        scenario_.config.tombstones = static_cast<std::uint32_t>(number);
      } else {
        return "unknown config key '" + key + "'";
      }
    }
    return std::nullopt;
  }

  std::optional<std::string> parse_faults(const std::string& value) {
    std::istringstream in(value);
    for (std::string item; std::getline(in, item, ',');) {
      const auto colon = item.find(':');
      std::uint64_t rate = 0;
      if (colon == std::string::npos || !sim::parse_whole_number(item.substr(colon + 1), rate) ||
          rate > 1000) {
        return "a fault is site:rate with rate in thousandths (0-1000), not '" + item + "'";
      }
      const std::string site = item.substr(0, colon);
      auto& faults = scenario_.config.faults;
      const auto r = static_cast<std::uint32_t>(rate);
      if (site == "thread_start_fails") {
        faults.thread_start_fails = r;
      } else if (site == "wakeup_delayed") {
        faults.wakeup_delayed = r;
      } else if (site == "extra_yield") {
        faults.extra_yield = r;
      } else if (site == "spurious_wakeup") {
        faults.spurious_wakeup = r;
      } else {
        return "unknown fault site '" + site + "'";
      }
    }
    return std::nullopt;
  }

  std::variant<Op, std::string> parse_op(const std::vector<std::string>& words) {
    const std::string& head = words[0];
    auto arity = [&](std::size_t n) -> std::optional<std::string> {
      if (words.size() == n + 1) return std::nullopt;
      return "'" + head + "' takes " + std::to_string(n) + " argument" + (n == 1 ? "" : "s");
    };
    Target target;
    std::uint64_t number = 0;
    if (head == "spawn") {
      if (auto error = arity(1)) return *error;
      const auto shape = shape_from_name(words[1]);
      if (!shape) return "unknown process shape '" + words[1] + "'";
      return op::Spawn{*shape};
    }
    if (head == "monitor" || head == "cancel" || head == "deliver" || head == "is_live" ||
        head == "recent_exit") {
      if (auto error = arity(head == "deliver" ? 2 : 1)) return *error;
      if (!parse_target(words[1], target)) {
        return "a target is p<label> or a pid number, not '" + words[1] + "'";
      }
      if (head == "monitor") return op::Monitor{target};
      if (head == "cancel") return op::Cancel{target};
      if (head == "is_live") return op::IsLive{target};
      if (head == "recent_exit") return op::RecentExit{target};
      if (!sim::parse_whole_number(words[2], number)) {
        return "a correlation is a number, not '" + words[2] + "'";
      }
      return op::Deliver{target, number};
    }
    if (head == "churn") {
      if (auto error = arity(1)) return *error;
      if (!sim::parse_whole_number(words[1], number) || number > 1000) {
        return "churn takes a count up to 1000, not '" + words[1] + "'";
      }
      return op::Churn{static_cast<std::uint32_t>(number)};
    }
    if (head == "settle") {
      if (auto error = arity(0)) return *error;
      return op::Settle{};
    }
    if (head == "counts") {
      if (auto error = arity(0)) return *error;
      return op::Counts{};
    }
    if (head == "shutdown") {
      if (auto error = arity(0)) return *error;
      return op::Shutdown{};
    }
    return "unknown operation '" + head + "'";
  }

  Scenario scenario_;
  int line_number_ = 0;
  bool seen_config_ = false;
  bool in_prefix_ = false;
};

}  // namespace

std::string render_op(const Op& op) {
  return std::visit(
      [](const auto& o) -> std::string {
        using O = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<O, op::Spawn>) {
          return std::string("spawn ") + shape_name(o.shape);
        } else if constexpr (std::is_same_v<O, op::Monitor>) {
          return "monitor " + render_target(o.target);
        } else if constexpr (std::is_same_v<O, op::Cancel>) {
          return "cancel " + render_target(o.target);
        } else if constexpr (std::is_same_v<O, op::Deliver>) {
          return "deliver " + render_target(o.target) + " " + std::to_string(o.correlation);
        } else if constexpr (std::is_same_v<O, op::IsLive>) {
          return "is_live " + render_target(o.target);
        } else if constexpr (std::is_same_v<O, op::RecentExit>) {
          return "recent_exit " + render_target(o.target);
        } else if constexpr (std::is_same_v<O, op::Counts>) {
          return "counts";
        } else if constexpr (std::is_same_v<O, op::Churn>) {
          return "churn " + std::to_string(o.processes);
        } else if constexpr (std::is_same_v<O, op::Settle>) {
          return "settle";
        } else {
          return "shutdown";
        }
      },
      op);
}

std::string render(const Scenario& scenario) {
  std::ostringstream out;
  const auto& f = scenario.config.faults;
  out << "config schedulers=" << scenario.config.schedulers
      << " tombstones=" << scenario.config.tombstones
      << " faults=thread_start_fails:" << f.thread_start_fails
      << ",wakeup_delayed:" << f.wakeup_delayed << ",extra_yield:" << f.extra_yield
      << ",spurious_wakeup:" << f.spurious_wakeup << "\n";
  std::uint32_t label = 0;
  auto section = [&](const char* name, const std::vector<Op>& ops) {
    out << name << "\n";
    for (const Op& op : ops) {
      out << "  " << render_op(op);
      if (std::holds_alternative<op::Spawn>(op)) out << "  # p" << label++;
      out << "\n";
    }
  };
  section("prefix", scenario.prefix);
  for (const auto& branch : scenario.branches) section("branch", branch);
  return out.str();
}

std::variant<Scenario, ParseError> parse(const std::string& text) { return Parser().run(text); }

std::string ParseError::describe() const {
  return line > 0 ? "line " + std::to_string(line) + ": " + message : message;
}

}  // namespace aion::scenario
