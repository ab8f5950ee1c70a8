// The registry's strategies as the command line shows them: one line each for --help, and the
// README's table (aionsim strategies --markdown; tests/contract checks the README agrees).
#pragma once

#include <string>

namespace aion::cli {

std::string strategies_help();
std::string strategies_markdown();

}  // namespace aion::cli
