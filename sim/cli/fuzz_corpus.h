// The corpus of a guided fuzzing campaign on disk: one file per case that reached a feature
// no case before it had, kept across campaigns so that the next one resumes from them. A file
// is a failure file that expects a pass (the case, the schedule it ran, its trace hash), so
// `aionsim replay` takes it as it is; its name is the hash of its text, so that corpora of
// several machines or shards merge by copying files into one folder.
#pragma once

#include <string>
#include <vector>

#include "sim/lifecycle/case_runner.h"
#include "sim/lifecycle/lifecycle_case.h"

namespace aion::cli {

inline constexpr const char* kCorpusExtension = ".aioncase";

class FuzzCorpus {
 public:
  // Creates the folder if needed and proves it writable (UsageError otherwise).
  explicit FuzzCorpus(std::string directory);

  // The cases of every corpus file, by file name; a file that is not a whole failure file of
  // this format is a UsageError naming it (other runtime builds are taken: a corpus holds
  // inputs, not expectations). Other files in the folder are left alone.
  std::vector<lifecycle::LifecycleCase> load() const;
  // Writes the case, as its run showed it (atomically), and returns the file's name.
  std::string save(const lifecycle::LifecycleCase& c, const lifecycle::CaseResult& result) const;

  const std::string& directory() const { return directory_; }

 private:
  std::string directory_;
};

}  // namespace aion::cli
