// Runs the built aionsim binary from a test, as a user would: the binary and
// the test data come from the test's runfiles, stdout and stderr are captured
// whole (through files, so a long timeline never blocks a pipe), and the exit
// status is returned as the shell would see it.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace aion::cli_test {

struct Ran {
  int status = -1;  // exit status; 128 + signal when killed by one
  std::string out;
  std::string err;
};

Ran run_aionsim(const std::vector<std::string>& args);

// Runs another build of aionsim from now on: its path in the runfiles ("sim/cli/aionsim").
void use_aionsim_binary(const std::string& runfiles_path);

// Runs aionsim and sends it `signal` as soon as `ready()` says so (polled every 10 ms), unless
// it ends first.
Ran run_aionsim_signalled(const std::vector<std::string>& args, const std::function<bool()>& ready,
                          int signal);

// A file of tests/cli/testdata in the runfiles.
std::string testdata(const std::string& name);

// The failure files of tests/regressions in the runfiles, sorted.
std::vector<std::string> regression_corpus();

// A fresh, empty directory under the test's temporary directory.
std::string fresh_dir(const std::string& name);

std::string read_file(const std::string& path);

// The word after the first `label` in `text`, past any spaces ("" if none).
std::string word_after(const std::string& text, const std::string& label);

}  // namespace aion::cli_test
