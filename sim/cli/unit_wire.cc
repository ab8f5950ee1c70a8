#include "sim/cli/unit_wire.h"

#include "sim/lifecycle/failure_file.h"
#include "sim/lifecycle/result_wire.h"

namespace aion::cli {
namespace {

using lifecycle::WireReader;
using lifecycle::WireWriter;

// A case travels as the failure file that holds it.
void put_case(WireWriter& out, const lifecycle::LifecycleCase& c) {
  lifecycle::FailureFile file;
  file.lifecycle_case = c;
  out.text(lifecycle::render_failure(file));
}

std::optional<lifecycle::FailureFile> get_file(WireReader& in) {
  auto parsed = lifecycle::parse_failure(in.text());
  if (!in.ok() || !std::holds_alternative<lifecycle::FailureFile>(parsed)) return std::nullopt;
  return std::get<lifecycle::FailureFile>(std::move(parsed));
}

void put_outcome(WireWriter& out, const RunOutcome& outcome) {
  out.number(outcome.died ? 1 : 0).number(outcome.class_hash).number(outcome.steps);
  for (const std::uint64_t count : outcome.marks.counts) out.number(count);
  out.number(outcome.broken.size());
  for (std::size_t i = 0; i < outcome.broken.size(); ++i) {
    out.number(static_cast<std::uint64_t>(outcome.broken[i]));
    out.text(i < outcome.headlines.size() ? outcome.headlines[i] : "");
  }
  out.number(outcome.determinism_checked ? 1 : 0).number(outcome.failure ? 1 : 0);
  if (!outcome.failure) return;
  const Finding& finding = *outcome.failure;
  out.text(finding.invariant).text(finding.headline).number(finding.steps).number(finding.run);
  out.text(lifecycle::render_failure(failure_file_of(finding)));
}

std::optional<RunOutcome> get_outcome(WireReader& in) {
  RunOutcome outcome;
  outcome.died = in.number() != 0;
  outcome.class_hash = in.number();
  outcome.steps = in.number();
  for (std::uint64_t& count : outcome.marks.counts) count = in.number();
  for (std::uint64_t n = in.number(); n > 0 && in.ok(); --n) {
    const std::uint64_t invariant = in.number();
    if (invariant >= oracle::kInvariantCount) return std::nullopt;
    outcome.broken.push_back(static_cast<oracle::Invariant>(invariant));
    outcome.headlines.push_back(in.text());
  }
  outcome.determinism_checked = in.number() != 0;
  if (in.number() != 0) {
    Finding finding;
    finding.invariant = in.text();
    finding.headline = in.text();
    finding.steps = in.number();
    finding.run = in.number();
    const auto file = get_file(in);
    if (!file) return std::nullopt;
    outcome.failure = finding_of_file(*file);
    outcome.failure->invariant = std::move(finding.invariant);
    outcome.failure->headline = std::move(finding.headline);
    outcome.failure->steps = finding.steps;
    outcome.failure->run = finding.run;
  }
  if (!in.ok()) return std::nullopt;
  return outcome;
}

}  // namespace

std::string encode_message(const UnitMessage& message) {
  WireWriter out;
  if (const auto* begins = std::get_if<RunBegins>(&message)) {
    out.text("begins").number(begins->unit).number(begins->lifecycle_case ? 1 : 0);
    if (begins->lifecycle_case) put_case(out, *begins->lifecycle_case);
  } else if (const auto* ended = std::get_if<RunEnded>(&message)) {
    out.text("run").number(ended->unit);
    put_outcome(out, ended->outcome);
  } else {
    const auto& unit = std::get<UnitEnded>(message);
    out.text("unit").number(unit.unit).number(unit.end.covered ? 1 : 0);
    out.text(unit.end.warning);
  }
  return out.bytes();
}

std::optional<UnitMessage> decode_message(std::string_view bytes) {
  WireReader in(bytes);
  const std::string kind = in.text();
  const std::uint64_t unit = in.number();
  if (kind == "begins") {
    RunBegins begins{unit, std::nullopt};
    if (in.number() != 0) {
      const auto file = get_file(in);
      if (!file) return std::nullopt;
      begins.lifecycle_case = file->lifecycle_case;
    }
    if (!in.ok() || !in.at_end()) return std::nullopt;
    return begins;
  }
  if (kind == "run") {
    auto outcome = get_outcome(in);
    if (!outcome || !in.at_end()) return std::nullopt;
    return RunEnded{unit, std::move(*outcome)};
  }
  if (kind == "unit") {
    UnitEnded ended{unit, {}};
    ended.end.covered = in.number() != 0;
    ended.end.warning = in.text();
    if (!in.ok() || !in.at_end()) return std::nullopt;
    return ended;
  }
  return std::nullopt;
}

}  // namespace aion::cli
