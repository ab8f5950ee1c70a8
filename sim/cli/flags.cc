#include "sim/cli/flags.h"

#include <algorithm>

#include "sim/cli/cli_error.h"

namespace aion::cli {
namespace {

const FlagSpec* find_flag(const std::vector<FlagSpec>& flags, const std::string& name) {
  for (const FlagSpec& flag : flags) {
    if (flag.name == name || (!flag.short_name.empty() && flag.short_name == name)) return &flag;
  }
  return nullptr;
}

}  // namespace

const std::string* CommandLine::value(const std::string& name) const {
  const auto found = values.find(name);
  return found == values.end() ? nullptr : &found->second;
}

CommandLine parse_args(const std::string& command, const std::vector<FlagSpec>& flags,
                       const std::vector<std::string>& args) {
  CommandLine line;
  bool only_positional = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (only_positional || arg.size() < 2 || arg[0] != '-') {
      line.positional.push_back(arg);
      continue;
    }
    if (arg == "--") {
      only_positional = true;
      continue;
    }
    if (arg == "--help" || arg == "-h") {
      line.values["--help"] = "";
      continue;
    }
    const auto equals = arg.find('=');
    const bool is_long = arg.rfind("--", 0) == 0;
    const std::string name = is_long ? arg.substr(0, equals) : arg;
    const FlagSpec* flag = find_flag(flags, name);
    if (flag == nullptr) {
      throw UsageError("unknown flag '" + name + "' for '" + command + "' (see " + command +
                       " --help)");
    }
    if (line.has(flag->name)) throw UsageError(flag->name + " is given twice");
    if (flag->value_name.empty()) {
      if (is_long && equals != std::string::npos) {
        throw UsageError(flag->name + " is a switch and takes no value");
      }
      line.values[flag->name] = "";
    } else if (is_long && equals != std::string::npos) {
      line.values[flag->name] = arg.substr(equals + 1);
    } else if (i + 1 < args.size()) {
      line.values[flag->name] = args[++i];
    } else {
      throw UsageError(flag->name + " needs a value (" + flag->name + " " + flag->value_name + ")");
    }
  }
  return line;
}

std::string flags_help(const std::vector<FlagSpec>& flags) {
  auto usage_of = [](const FlagSpec& flag) {
    std::string usage = flag.short_name.empty() ? flag.name : flag.short_name + ", " + flag.name;
    return flag.value_name.empty() ? usage : usage + " " + flag.value_name;
  };
  std::size_t width = std::string("-h, --help").size();
  for (const FlagSpec& flag : flags) width = std::max(width, usage_of(flag).size());
  std::string text;
  auto add = [&](const std::string& usage, const std::string& help) {
    text += "  " + usage + std::string(width - usage.size() + 2, ' ') + help + "\n";
  };
  for (const FlagSpec& flag : flags) add(usage_of(flag), flag.help);
  add("-h, --help", "show this help");
  return text;
}

}  // namespace aion::cli
