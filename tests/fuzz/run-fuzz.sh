#!/bin/sh
# Builds the fuzz target with clang, ASan and UBSan, seeds it with the real
# event files of the corpus (or, without it, the writer-made demo logs of
# the normal build), and fuzzes for a bounded time.
#   tests/fuzz/run-fuzz.sh [SECONDS] [CORPUS_DIR]
set -eu
seconds=${1:-60}
top=$(cd "$(dirname "$0")/../.." && pwd)
corpus=${2:-$top/../shared/corpus}
build=$top/build-fuzz

if [ ! -d "$build" ]; then
  CC=clang meson setup "$build" "$top" -Dfuzzing=true -Db_sanitize=address,undefined \
    -Db_lundef=false -Dbuildtype=debugoptimized
fi
ninja -C "$build" tests/fuzz/fuzz-reader

seeds=$build/fuzz-seeds
rm -rf "$seeds" "$build/fuzz-found"
mkdir -p "$seeds" "$build/fuzz-found"
[ -d "$corpus" ] || corpus=$top/build/data/demo-logs
if [ -d "$corpus" ]; then
  find "$corpus" -name '*tfevents*' -size -300k -exec cp {} "$seeds/" \;
fi
echo "fuzzing for $seconds s with $(ls "$seeds" | wc -l) seed files"
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
ASAN_OPTIONS=detect_leaks=1 \
  "$build/tests/fuzz/fuzz-reader" -max_total_time="$seconds" -max_len=262144 \
    -artifact_prefix="$build/fuzz-found/" -print_final_stats=1 "$build/fuzz-found" "$seeds"
