#include "sim/cli/user_files.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/cli/cli_error.h"

namespace aion::cli {
namespace {

const char* working_directory() {
  const char* directory = std::getenv("BUILD_WORKING_DIRECTORY");
  return directory != nullptr && *directory != '\0' ? directory : nullptr;
}

}  // namespace

std::string resolve_user_path(const std::string& path) {
  const char* base = working_directory();
  if (base == nullptr || path.empty() || path[0] == '/') return path;
  return (std::filesystem::path(base) / path).string();
}

std::string read_user_file(const std::string& path) {
  const std::string resolved = resolve_user_path(path);
  std::error_code error;
  const auto status = std::filesystem::status(resolved, error);
  if (status.type() == std::filesystem::file_type::not_found) {
    throw UsageError(path + ": no such file");
  }
  if (status.type() == std::filesystem::file_type::directory) {
    throw UsageError(path + ": is a directory, not a file");
  }
  // A pipe or a device may never end; scenarios and failure files are small.
  if (status.type() != std::filesystem::file_type::regular) {
    throw UsageError(path + ": is not a regular file");
  }
  constexpr std::uintmax_t kLargestInput = 64 << 20;
  if (std::filesystem::file_size(resolved, error) > kLargestInput) {
    throw UsageError(path + ": is larger than 64 MiB, too large for a scenario or failure file");
  }
  std::ifstream in(resolved, std::ios::binary);
  if (!in) throw UsageError(path + ": cannot read it: " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw UsageError(path + ": cannot read it: " + std::strerror(errno));
  return text.str();
}

void write_file(const std::string& path, const std::string& text) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::error_code error;
  if (!parent.empty()) std::filesystem::create_directories(parent, error);
  if (error) throw UsageError(parent.string() + ": cannot create it: " + error.message());
  // Written beside and renamed over: a reader (or a campaign killed mid-write) never sees half.
  const std::string temporary = path + ".partial-" + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw UsageError(path + ": cannot write it: " + std::strerror(errno));
    out << text;
    out.close();
    if (!out) {
      std::filesystem::remove(temporary, error);
      throw UsageError(path + ": cannot write it: " + std::strerror(errno));
    }
  }
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    throw UsageError(path + ": cannot write it: " + error.message());
  }
}

void check_writable_directory(const std::string& directory) {
  write_file(directory + "/.aionsim-can-write", "");
  std::error_code error;
  std::filesystem::remove(directory + "/.aionsim-can-write", error);
}

std::string aionsim_command() {
  return working_directory() != nullptr ? "bazel run //:aionsim --" : "aionsim";
}

}  // namespace aion::cli
