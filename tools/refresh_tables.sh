#!/usr/bin/env bash
# Writes the tables that are generated from the code into the documents that show them:
# the invariants list and the strategies table of README.md (aionsim invariants --markdown,
# aionsim strategies --markdown) and the contract table of sim/oracle/CONTRACT.md (aionsim
# defects --markdown), which tests/contract checks agree; with --zoo also the zoo's table
# (aionsim zoo --markdown, about 30 s, figures of one run), with --classes the class counts
# of the builtin mix's shapes (aionsim classes --shapes --markdown, about 75 s).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bazel build -c opt //:aionsim >/dev/null 2>&1
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
replace README.md strategies "$("$aionsim" strategies --markdown)
"
replace sim/oracle/CONTRACT.md "contract table" "$("$aionsim" defects --markdown)
"
for flag in "$@"; do
  case $flag in
    --zoo) replace README.md zoo "$("$aionsim" zoo --markdown 2>/dev/null)
" ;;
    --classes) replace README.md classes "$("$aionsim" classes --shapes --markdown)
" ;;
    *) echo "refresh_tables.sh: unknown flag '$flag' (--zoo, --classes)" >&2; exit 2 ;;
  esac
done
