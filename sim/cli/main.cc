// aionsim: the command line of the lifecycle simulator. Dispatches to a
// subcommand; with no arguments at all it runs the default campaign (explore
// for 60 seconds over the builtin mix), and bare flags go to explore. Bad
// input, and anything thrown, ends as one line `aionsim: ...` on stderr with
// exit status 2.
#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "sim/cli/cli_error.h"
#include "sim/cli/command.h"

namespace {

using aion::cli::Command;

std::vector<Command> commands() {
  return {aion::cli::explore_command(),    aion::cli::replay_command(),
          aion::cli::shrink_command(),     aion::cli::merge_command(),
          aion::cli::rerecord_command(),   aion::cli::zoo_command(),
          aion::cli::invariants_command(), aion::cli::defects_command(),
          aion::cli::strategies_command(), aion::cli::classes_command(),
          aion::cli::fuzz_command(),       aion::cli::decode_command()};
}

std::string help() {
  std::string text =
      "usage: aionsim [COMMAND] [flags]\n"
      "\n"
      "The deterministic simulator of the workflow runtime's process lifecycle: explores\n"
      "scenarios under seeded schedules and faults, judges every run with the lifecycle\n"
      "oracle, saves failures as files that replay exactly.\n"
      "\n"
      "commands:\n";
  for (const Command& command : commands()) {
    std::string name = command.name;
    name.resize(std::max<std::size_t>(name.size() + 1, 12), ' ');
    text += "  " + name + command.summary + "\n";
  }
  text +=
      "\n"
      "With no arguments, aionsim runs `explore --seconds 60` over the builtin scenario mix;\n"
      "flags without a command go to explore. `aionsim COMMAND --help` describes a command.\n"
      "exit status: 0 nothing failed, 1 something failed, 2 bad input.\n";
  return text;
}

// One line, whatever the message holds.
std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

int dispatch(const std::vector<std::string>& args) {
  if (args.empty()) return aion::cli::explore_command().run({"--seconds", "60"});
  const std::string& first = args.front();
  if (first == "--help" || first == "-h" || first == "help") {
    std::fputs(help().c_str(), stdout);
    return aion::cli::kExitOk;
  }
  if (first.rfind("-", 0) == 0) return aion::cli::explore_command().run(args);
  for (const Command& command : commands()) {
    if (first == command.name) return command.run({args.begin() + 1, args.end()});
  }
  std::string names;
  for (const Command& command : commands())
    names += (names.empty() ? "" : ", ") + std::string(command.name);
  throw aion::cli::UsageError("unknown command '" + first + "' (the commands are " + names +
                              "; see aionsim --help)");
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return dispatch(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const aion::cli::UsageError& error) {
    std::fprintf(stderr, "aionsim: %s\n", one_line(error.what()).c_str());
  } catch (const std::exception& error) {
    std::fprintf(stderr, "aionsim: internal error: %s\n", one_line(error.what()).c_str());
  }
  return aion::cli::kExitBadInput;
}
