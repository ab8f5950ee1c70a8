// Files the user names on the command line. Under `bazel run` the binary runs
// in its runfiles tree, so a relative path is resolved against the directory
// the user ran bazel from (BUILD_WORKING_DIRECTORY), as it would be for a
// plain executable. Reading and writing throw UsageError naming the path and
// the reason (no such file, a directory, permission denied).
#pragma once

#include <string>

namespace aion::cli {

std::string resolve_user_path(const std::string& path);

// The whole file; `path` as the user gave it (resolved here).
std::string read_user_file(const std::string& path);

// Creates the parent directories if needed; `path` already resolved. Atomic: the file is
// written under another name and renamed, so it is either there whole or not at all.
void write_file(const std::string& path, const std::string& text);

// Creates the directory if needed and proves that files can be written in it (UsageError
// otherwise), before a campaign spends any time.
void check_writable_directory(const std::string& directory);

// How to run aionsim again from where the user is: `bazel run //:aionsim --`
// under bazel, `aionsim` otherwise.
std::string aionsim_command();

}  // namespace aion::cli
