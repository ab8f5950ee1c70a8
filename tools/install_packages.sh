#!/usr/bin/env bash
# Installs the Debian packages the build needs, and only those that are missing, so it is
# cheap to run again. Needs root (or sudo) the first time on a fresh Debian 12 machine.
set -euo pipefail

PACKAGES=(
  bazel-bootstrap     # Bazel 4.2.3 (pulls in Java)
  bazel-rules-cc      # @rules_cc, adapted by third_party/repositories.bzl
  bazel-rules-java    # @rules_java (Bazel registers Java toolchains even for C++)
  g++
  libgtest-dev
  libgmock-dev
  librapidcheck-dev
  libboost-context-dev
  nlohmann-json3-dev  # JSON: the summaries explore and zoo write
  python3             # tools/count_test_cases.py, for CI
  clang-14            # the libFuzzer target (bazel build --config=fuzz //fuzz:lifecycle_fuzzer)
  libclang-rt-14-dev  # libFuzzer and the sanitizers' runtimes for clang
)
missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  as_root=()
  ((EUID == 0)) || as_root=(sudo)
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
fi

