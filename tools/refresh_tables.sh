#!/usr/bin/env bash
# Writes the tables that are generated from the code into the documents that show them:
# the invariants list of README.md (aionsim invariants --markdown) and the contract table
# of sim/oracle/CONTRACT.md (aionsim defects --markdown). tests/contract checks they agree.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bazel build //:aionsim >/dev/null 2>&1
aionsim=bazel-bin/sim/cli/aionsim
replace() {  # file, marker, new text
  python3 - "$1" "$2" "$3" <<'PY'
import sys
path, marker, table = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path).read()
begin, end = f"<!-- {marker}: begin -->\n", f"<!-- {marker}: end -->"
start, stop = text.index(begin) + len(begin), text.index(end)
open(path, "w").write(text[:start] + table + text[stop:])
PY
}
replace README.md invariants "$("$aionsim" invariants --markdown)
"
replace sim/oracle/CONTRACT.md "contract table" "$("$aionsim" defects --markdown)
"
