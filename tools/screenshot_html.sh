#!/usr/bin/env bash
# Screenshots an aionsim HTML page in headless Chromium, to see how the
# swimlanes render. A check by eye, not part of CI.
#
#   tools/screenshot_html.sh [PAGE.html] [OUT.png]
#
# Without PAGE, it first replays a test failure file into /tmp/aionsim-replay.html
# (one whose `expect` line the replay contradicts, so the page shows the
# recorded violation and its events in red). OUT defaults to
# /tmp/aionsim-screenshot.png. Installs Debian's chromium if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

page="${1:-}"
out="${2:-/tmp/aionsim-screenshot.png}"
if [[ -z "$page" ]]; then
  page=/tmp/aionsim-replay.html
  # Exit status 1 means the replay contradicts the file's `expect` line, as
  # this file is made to; the page is written either way.
  bazel run //:aionsim -- replay tests/cli/testdata/verdict_mismatch.aionfail --html "$page" \
    >/dev/null || [[ $? -eq 1 ]]
fi

if ! command -v chromium >/dev/null; then
  as_root=()
  ((EUID == 0)) || as_root=(sudo)
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium </dev/null
fi

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --screenshot="$out" --window-size=1400,900 \
  "file://$(realpath "$page")" 2>/dev/null
echo "screenshot: $out"
