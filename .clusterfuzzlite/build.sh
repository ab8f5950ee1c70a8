#!/bin/bash -eu
# Builds //fuzz:lifecycle_fuzzer the way OSS-Fuzz and ClusterFuzzLite build fuzz targets:
# with their $CXX, $CXXFLAGS (sanitizers, coverage) and $LIB_FUZZING_ENGINE, into $OUT, and
# its seed corpus as $OUT/lifecycle_fuzzer_seed_corpus.zip. Bazel is not used: the farm's
# image has none, and the target is the engine's, the runtime's and the harness's sources
# compiled together. It runs in the repository's root (the image's WORKDIR). Locally:
#   CXX=clang++-14 CXXFLAGS=-fsanitize=fuzzer-no-link,address LIB_FUZZING_ENGINE=-fsanitize=fuzzer \
#   OUT=/tmp/out bash .clusterfuzzlite/build.sh
[[ -f fuzz/lifecycle_fuzzer.cc ]] || { echo "build.sh: run it in the repository's root" >&2; exit 1; }
objects="$(mktemp -d)"
trap 'rm -rf "$objects"' EXIT
sources=$(find platform runtime sim/engine sim/oracle sim/scenario sim/lifecycle sim/sandbox \
  sim/trace_export sim/zoo sim/cli -name '*.cc' -not -path '*/tests/*' -not -name '*_test.cc' -not -name main.cc)
for source in $sources fuzz/lifecycle_fuzzer.cc; do
  $CXX $CXXFLAGS -std=c++20 -I. -c "$source" -o "$objects/$(echo "$source" | tr / _).o" &
  while (($(jobs -rp | wc -l) >= $(nproc))); do wait -n; done
done
wait
$CXX $CXXFLAGS $LIB_FUZZING_ENGINE "$objects"/*.o -o "$OUT/lifecycle_fuzzer" \
  -l:libboost_context.a -lpthread
(cd fuzz/corpus && zip -q -j "$OUT/lifecycle_fuzzer_seed_corpus.zip" ./*)
