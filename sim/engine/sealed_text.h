// Files that must never be half-read (failure files, campaign summaries, saved hash sets) end
// with a line that seals what precedes it: "end <bytes> <checksum>", the checksum FNV-1a over
// those bytes in 16 hex digits. A file cut short or edited by hand is told as such.
#pragma once

#include <string>
#include <string_view>
#include <variant>

namespace aion::sim {

// `body` (whole lines) followed by the end line that seals it.
std::string seal_text(const std::string& body);

// What seal_text sealed, or one sentence saying why `text` is not such a whole.
std::variant<std::string_view, std::string> unseal_text(std::string_view text);

}  // namespace aion::sim
