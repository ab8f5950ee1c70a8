#include "sim/engine/schedule.h"

#include <charconv>

namespace aion::sim {
namespace {

// Reads an unsigned number at the front of `text` and drops it; false if there is none.
template <typename Number>
bool take_number(std::string_view& text, Number& out) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (error != std::errc() || end == text.data()) return false;
  text.remove_prefix(static_cast<std::size_t>(end - text.data()));
  return true;
}

bool take_char(std::string_view& text, char c) {
  if (text.empty() || text.front() != c) return false;
  text.remove_prefix(1);
  return true;
}

std::optional<FaultSite> site_named(std::string_view name) {
  for (std::size_t i = 0; i < kFaultSiteCount; ++i) {
    const auto site = static_cast<FaultSite>(i);
    if (fault_site_name(site) == name) return site;
  }
  return std::nullopt;
}

std::optional<Choice> parse_choice(std::string_view token) {
  Choice choice;
  if (token.starts_with("f:")) {
    token.remove_prefix(2);
    const std::size_t equals = token.find('=');
    if (equals == std::string_view::npos) return std::nullopt;
    const std::optional<FaultSite> site = site_named(token.substr(0, equals));
    if (!site) return std::nullopt;
    choice.kind = ChoiceKind::kFault;
    choice.site = *site;
    token.remove_prefix(equals + 1);
  }
  if (!take_number(token, choice.value) || !take_char(token, '/') ||
      !take_number(token, choice.options) || !take_char(token, '@') ||
      !take_number(token, choice.step)) {
    return std::nullopt;
  }
  if (choice.kind == ChoiceKind::kFault && take_char(token, '+') &&
      (!take_number(token, choice.nth) || choice.nth == 0)) {
    return std::nullopt;
  }
  choice.preemption = take_char(token, '!');
  if (!token.empty()) return std::nullopt;
  return choice;
}

}  // namespace

std::size_t count_preemptions(const Schedule& schedule) {
  std::size_t count = 0;
  for (const Choice& choice : schedule) count += choice.preemption ? 1 : 0;
  return count;
}

std::string format_schedule(const Schedule& schedule) {
  std::string text;
  for (const Choice& choice : schedule) {
    if (!text.empty()) text += ' ';
    if (choice.kind == ChoiceKind::kFault) {
      text += "f:";
      text += fault_site_name(choice.site);
      text += '=';
    }
    text += std::to_string(choice.value) + '/' + std::to_string(choice.options) + '@' +
            std::to_string(choice.step);
    if (choice.nth != 0) text += '+' + std::to_string(choice.nth);
    if (choice.preemption) text += '!';
  }
  return text;
}

std::optional<Schedule> parse_schedule(std::string_view text) {
  Schedule schedule;
  while (!text.empty()) {
    const std::size_t space = text.find(' ');
    const std::string_view token = text.substr(0, space);
    text.remove_prefix(space == std::string_view::npos ? text.size() : space + 1);
    if (token.empty()) continue;
    const std::optional<Choice> choice = parse_choice(token);
    if (!choice) return std::nullopt;
    schedule.push_back(*choice);
  }
  return schedule;
}

}  // namespace aion::sim
