#!/usr/bin/env bash
# Builds the libFuzzer target with clang (--config=fuzz) and runs it on a scratch copy of the
# seed corpus fuzz/corpus (libFuzzer adds what reaches new coverage to its first directory;
# the checked-in seeds stay as they are). Arguments go to libFuzzer: -runs=N, -jobs=N,
# -fork=N, -max_total_time=S. AION_FUZZ_DEFECTS=R3 plants a defect. A finding prints its
# failure file on stderr, leaves crash-<hash> in the working directory and exits non-zero.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bazel build --config=fuzz //fuzz:lifecycle_fuzzer >/dev/null 2>&1 ||
  bazel build --config=fuzz //fuzz:lifecycle_fuzzer
corpus="$(mktemp -d /tmp/aion-fuzz-corpus.XXXXXX)"
trap 'rm -rf "$corpus"' EXIT
cp fuzz/corpus/* "$corpus"/
bazel-out/k8-fastbuild-fuzz/bin/fuzz/lifecycle_fuzzer -max_len=512 "$@" "$corpus"
