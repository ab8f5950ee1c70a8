#include "tests/cli/aionsim_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace aion::cli_test {
namespace {

std::string& binary_in_runfiles() {
  static std::string path = "sim/cli/aionsim";
  return path;
}

std::filesystem::path runfiles() {
  const char* root = std::getenv("TEST_SRCDIR");
  const char* workspace = std::getenv("TEST_WORKSPACE");
  if (root == nullptr || workspace == nullptr) return ".";
  return std::filesystem::path(root) / workspace;
}

std::filesystem::path temp_root() {
  const char* tmp = std::getenv("TEST_TMPDIR");
  return tmp != nullptr ? tmp : std::filesystem::temp_directory_path();
}

}  // namespace

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string word_after(const std::string& text, const std::string& label) {
  const auto at = text.find(label);
  if (at == std::string::npos) return "";
  const auto start = text.find_first_not_of(' ', at + label.size());
  if (start == std::string::npos) return "";
  return text.substr(start, text.find_first_of(" \n", start) - start);
}

std::string testdata(const std::string& name) {
  return (runfiles() / "tests/cli/testdata" / name).string();
}

std::vector<std::string> regression_corpus() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(runfiles() / "tests/regressions")) {
    if (entry.path().extension() == ".aionfail") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string fresh_dir(const std::string& name) {
  const auto dir = temp_root() / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

void use_aionsim_binary(const std::string& runfiles_path) { binary_in_runfiles() = runfiles_path; }

Ran run_aionsim(const std::vector<std::string>& args) { return run_aionsim_signalled(args, {}, 0); }

Ran run_aionsim_signalled(const std::vector<std::string>& args, const std::function<bool()>& ready,
                          int signal) {
  static int serial = 0;
  const std::string base = (temp_root() / ("aionsim." + std::to_string(++serial))).string();
  const std::string out_path = base + ".out", err_path = base + ".err";
  const std::string binary = (runfiles() / binary_in_runfiles()).string();

  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(binary.c_str()));
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) throw std::runtime_error("cannot run " + binary);
  int wait_status = 0;
  if (ready) {
    // Until the process is ready for the signal, or ends by itself.
    while (waitpid(pid, &wait_status, WNOHANG) == 0) {
      if (ready()) {
        kill(pid, signal);
        waitpid(pid, &wait_status, 0);
        break;
      }
      usleep(10'000);
    }
  } else {
    waitpid(pid, &wait_status, 0);
  }

  Ran ran;
  ran.status = WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : 128 + WTERMSIG(wait_status);
  ran.out = read_file(out_path);
  ran.err = read_file(err_path);
  return ran;
}

}  // namespace aion::cli_test
