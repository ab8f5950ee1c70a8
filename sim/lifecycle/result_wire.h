// A CaseResult as bytes, to cross from the child process that ran the case to
// its parent: the run (outcome, message, schedule, hashes, counts, and the
// trace when it was recorded), the violations and the coverage marks. Not the
// record: a result that crossed has none (its record says it is not complete).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/lifecycle/case_runner.h"

namespace aion::lifecycle {

std::string encode_result(const CaseResult& result);
// Nothing when the bytes are not an encoded result.
std::optional<CaseResult> decode_result(std::string_view bytes);

// The primitives, for other messages of the same kind: numbers in decimal,
// texts as "<length>:<bytes>", each followed by a space.
class WireWriter {
 public:
  WireWriter& number(std::uint64_t value);
  WireWriter& text(std::string_view value);
  const std::string& bytes() const { return out_; }

 private:
  std::string out_;
};

class WireReader {
 public:
  explicit WireReader(std::string_view bytes) : in_(bytes) {}
  std::uint64_t number();
  std::string text();
  // False once anything read was malformed or missing; what it returned then is 0 or "".
  bool ok() const { return ok_; }
  bool at_end() const { return at_ >= in_.size(); }

 private:
  std::string_view in_;
  std::size_t at_ = 0;
  bool ok_ = true;
};

}  // namespace aion::lifecycle
