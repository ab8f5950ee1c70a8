#include "sim/cli/fuzz_corpus.h"

#include <algorithm>
#include <filesystem>
#include <variant>

#include "sim/cli/cli_error.h"
#include "sim/cli/user_files.h"
#include "sim/engine/hash.h"
#include "sim/engine/hex_text.h"
#include "sim/lifecycle/failure_file.h"

namespace aion::cli {

FuzzCorpus::FuzzCorpus(std::string directory) : directory_(std::move(directory)) {
  check_writable_directory(directory_);
}

std::vector<lifecycle::LifecycleCase> FuzzCorpus::load() const {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(directory_, error)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.ends_with(kCorpusExtension)) names.push_back(name);
  }
  if (error) throw UsageError(directory_ + ": cannot list the corpus: " + error.message());
  std::sort(names.begin(), names.end());
  std::vector<lifecycle::LifecycleCase> cases;
  for (const std::string& name : names) {
    const std::string path = directory_ + "/" + name;
    auto parsed = lifecycle::parse_failure(read_user_file(path), /*any_build=*/true);
    if (auto* why = std::get_if<std::string>(&parsed)) {
      throw UsageError(path + ": not a corpus case: " + *why);
    }
    cases.push_back(std::get<lifecycle::FailureFile>(parsed).lifecycle_case);
  }
  return cases;
}

std::string FuzzCorpus::save(const lifecycle::LifecycleCase& c,
                             const lifecycle::CaseResult& result) const {
  lifecycle::FailureFile file;
  file.lifecycle_case = c;
  file.schedule = result.run.schedule;
  file.trace_hash = result.run.trace_hash;
  const std::string text = lifecycle::render_failure(file);
  const std::uint64_t hash = sim::hash_text(text);
  const std::string name = sim::hex64(hash) + kCorpusExtension;
  write_file(directory_ + "/" + name, text);
  return name;
}

}  // namespace aion::cli
