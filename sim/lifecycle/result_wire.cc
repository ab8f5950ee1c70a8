#include "sim/lifecycle/result_wire.h"

#include <charconv>

#include "sim/engine/schedule.h"

namespace aion::lifecycle {

WireWriter& WireWriter::number(std::uint64_t value) {
  out_ += std::to_string(value);
  out_ += ' ';
  return *this;
}

WireWriter& WireWriter::text(std::string_view value) {
  out_ += std::to_string(value.size());
  out_ += ':';
  out_.append(value);
  out_ += ' ';
  return *this;
}

std::uint64_t WireReader::number() {
  std::uint64_t value = 0;
  const auto space = in_.find(' ', at_);
  if (!ok_ || space == std::string_view::npos) {
    ok_ = false;
    return 0;
  }
  const auto [end, error] = std::from_chars(in_.data() + at_, in_.data() + space, value);
  if (error != std::errc() || end != in_.data() + space) {
    ok_ = false;
    return 0;
  }
  at_ = space + 1;
  return value;
}

std::string WireReader::text() {
  const auto colon = in_.find(':', at_);
  std::size_t length = 0;
  if (!ok_ || colon == std::string_view::npos) {
    ok_ = false;
    return {};
  }
  const auto [end, error] = std::from_chars(in_.data() + at_, in_.data() + colon, length);
  if (error != std::errc() || end != in_.data() + colon || in_.size() - colon - 1 < length + 1 ||
      in_[colon + 1 + length] != ' ') {
    ok_ = false;
    return {};
  }
  std::string value(in_.substr(colon + 1, length));
  at_ = colon + 2 + length;
  return value;
}

std::string encode_result(const CaseResult& result) {
  const sim::RunResult& run = result.run;
  WireWriter out;
  out.number(static_cast<std::uint64_t>(run.outcome)).text(run.message).text(run.strategy);
  out.number(run.seed).text(sim::format_schedule(run.schedule)).number(run.trace_hash);
  out.number(run.steps).number(run.notes).number(static_cast<std::uint64_t>(run.virtual_time));
  for (std::size_t i = 0; i < sim::kFaultSiteCount; ++i) {
    out.number(run.faults.opportunities[i]).number(run.faults.injected[i]);
  }
  out.number(run.abandoned.size());
  for (const std::string& name : run.abandoned) out.text(name);
  out.number(run.trace.size());
  for (const sim::Event& e : run.trace) {
    out.number(e.step).number(static_cast<std::uint64_t>(e.time)).number(e.fiber);
    out.text(e.fiber_name).number(static_cast<std::uint64_t>(e.op)).text(e.object);
    out.number(e.subject).number(static_cast<std::uint64_t>(e.reason));
  }
  out.number(result.violations.size());
  for (const oracle::Violation& v : result.violations) {
    out.number(static_cast<std::uint64_t>(v.invariant)).text(v.sentence).number(v.seqs.size());
    for (const std::uint64_t seq : v.seqs) out.number(seq);
  }
  for (const std::uint64_t count : result.marks.counts) out.number(count);
  return out.bytes();
}

std::optional<CaseResult> decode_result(std::string_view bytes) {
  WireReader in(bytes);
  CaseResult result;
  sim::RunResult& run = result.run;
  const std::uint64_t outcome = in.number();
  if (outcome > static_cast<std::uint64_t>(sim::Outcome::kHung)) return std::nullopt;
  run.outcome = static_cast<sim::Outcome>(outcome);
  run.message = in.text();
  run.strategy = in.text();
  run.seed = in.number();
  auto schedule = sim::parse_schedule(in.text());
  if (!schedule) return std::nullopt;
  run.schedule = std::move(*schedule);
  run.trace_hash = in.number();
  run.steps = in.number();
  run.notes = in.number();
  run.virtual_time = static_cast<platform::Nanos>(in.number());
  for (std::size_t i = 0; i < sim::kFaultSiteCount; ++i) {
    run.faults.opportunities[i] = in.number();
    run.faults.injected[i] = in.number();
  }
  for (std::uint64_t n = in.number(); n > 0 && in.ok(); --n) run.abandoned.push_back(in.text());
  for (std::uint64_t n = in.number(); n > 0 && in.ok(); --n) {
    sim::Event e;
    e.step = in.number();
    e.time = static_cast<platform::Nanos>(in.number());
    e.fiber = static_cast<std::uint32_t>(in.number());
    e.fiber_name = in.text();
    const std::uint64_t op = in.number();
    if (op > static_cast<std::uint64_t>(sim::Op::kNote)) return std::nullopt;
    e.op = static_cast<sim::Op>(op);
    e.object = in.text();
    e.subject = in.number();
    const std::uint64_t reason = in.number();
    if (reason > static_cast<std::uint64_t>(sim::SwitchReason::kTimer)) return std::nullopt;
    e.reason = static_cast<sim::SwitchReason>(reason);
    run.trace.push_back(std::move(e));
  }
  for (std::uint64_t n = in.number(); n > 0 && in.ok(); --n) {
    const std::uint64_t invariant = in.number();
    if (invariant >= oracle::kInvariantCount) return std::nullopt;
    oracle::Violation v{static_cast<oracle::Invariant>(invariant), in.text(), {}};
    for (std::uint64_t seqs = in.number(); seqs > 0 && in.ok(); --seqs) {
      v.seqs.push_back(in.number());
    }
    result.violations.push_back(std::move(v));
  }
  for (std::uint64_t& count : result.marks.counts) count = in.number();
  if (!in.ok() || !in.at_end()) return std::nullopt;
  return result;
}

}  // namespace aion::lifecycle
