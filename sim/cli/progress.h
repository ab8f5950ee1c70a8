// Live progress of a campaign, on stderr so that stdout stays the summary (or
// its JSON). On a terminal one line is rewritten in place with `\r` at every
// update (the campaign updates about five times a second); otherwise a plain
// line is logged every few seconds, so CI logs show life without flooding.
#pragma once

#include <cstdio>
#include <string>

#include "sim/cli/campaign.h"

namespace aion::cli {

// "12.3k runs | 2.05k runs/s | 290k decisions/s | 11.9k classes (+120/s) | marks 9/10 |
// 0 failures"
std::string progress_line(const CampaignStats& stats);

class ProgressReporter {
 public:
  // `command` names the logged lines ("explore": "aionsim explore: 5s: ...").
  ProgressReporter(std::FILE* out, bool terminal, std::string command = "explore");

  void update(const CampaignStats& stats) { show(progress_line(stats), stats.seconds); }
  // Any campaign's line, `seconds` into it.
  void show(const std::string& line, double seconds);
  // Clears the live line, so the summary starts on a clean line.
  void finish();

 private:
  std::FILE* out_;
  bool terminal_;
  std::string command_;
  std::size_t last_width_ = 0;
  double next_log_ = 0;
};

}  // namespace aion::cli
