#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer targets with clang, ASan and UBSan, seeds each from
# both real corpora, and fuzzes each for a bounded time.
#   tests/fuzz/run-fuzz.sh [SECONDS] [TARGET...]
# SECONDS is per target (default 60); TARGET defaults to every target in
# tests/fuzz/meson.build. Each target keeps its own corpus folder under
# build-fuzz/fuzz-corpus/TARGET (so findings carry over between runs) and
# writes crashing inputs to build-fuzz/fuzz-found/TARGET/.
# CVG_CORPUS_DIRS overrides the seed folders (space-separated); without
# the corpora (a clone with nothing beside it) the normal build's
# writer-made demo logs are the seeds.
set -eu
seconds=${1:-60}
[ $# -gt 0 ] && shift
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$top/build-fuzz
corpora=${CVG_CORPUS_DIRS:-"$top/../shared/corpus $top/../shared/corpus-plugins"}
found_corpus=""
for dir in $corpora; do [ -d "$dir" ] && found_corpus=yes; done
[ -n "$found_corpus" ] || corpora=$top/build/data/demo-logs

targets="$*"
if [ -z "$targets" ]; then
  targets=$(sed -n "s/.*executable('\(fuzz-[a-z0-9-]*\)'.*/\1/p" "$top/tests/fuzz/meson.build")
fi

if [ ! -d "$build" ]; then
  CC=clang meson setup "$build" "$top" -Dfuzzing=true -Db_sanitize=address,undefined \
    -Db_lundef=false -Dbuildtype=debugoptimized
fi
for target in $targets; do
  ninja -C "$build" "tests/fuzz/$target"
done

# Event files as they are, and, for the reader, their records re-framed in
# the target's 0xff form (see fuzz-reader.c), so that mutations get past
# the checksums into the decoders from the first run.
seed_reader () {
  seeds=$1
  # Inputs that once failed, kept as regressions.
  cp "$top"/tests/fuzz/reader-seeds/* "$seeds/"
  for dir in $corpora; do
    [ -d "$dir" ] || continue
    find "$dir" -name '*tfevents*' ! -name '*.gz' -size -300k -type f | while read -r file; do
      cp "$file" "$seeds/$(echo "$file" | cksum | cut -d' ' -f1)"
    done
  done
  python3 - "$seeds" $corpora <<'EOF'
import os, struct, sys, zlib
out, dirs = sys.argv[1], sys.argv[2:]
n = 0
for top in dirs:
    for root, _, files in os.walk(top):
        for name in sorted(files):
            if 'tfevents' not in name or name.endswith('.gz'):
                continue
            data = open(os.path.join(root, name), 'rb').read()
            pos, seed = 0, bytearray(b'\xff')
            while pos + 12 <= len(data) and len(seed) < 200000:
                (length,) = struct.unpack_from('<Q', data, pos)
                record = data[pos + 12:pos + 12 + length][:65535]
                seed += struct.pack('<H', len(record)) + record
                pos += 12 + length + 4
            if len(seed) > 1:
                n += 1
                open(os.path.join(out, 'framed-%d' % n), 'wb').write(bytes(seed))
EOF
}

failed=""
for target in $targets; do
  seeds=$build/fuzz-seeds/$target
  corpus=$build/fuzz-corpus/$target
  found=$build/fuzz-found/$target
  rm -rf "$seeds" "$found"
  mkdir -p "$seeds" "$corpus" "$found"
  case $target in
    fuzz-reader) seed_reader "$seeds" ;;
    # Graph inputs: a kind byte, then GraphDef, MetaGraphDef, RunMetadata
    # or Keras JSON (see fuzz-graph.c), taken from the corpora.
    fuzz-graph) cp "$top"/tests/fuzz/graph-seeds/* "$seeds/" ;;
    *)
      for dir in $corpora; do
        [ -d "$dir" ] && find "$dir" -name '*tfevents*' -size -300k -type f -exec cp {} "$seeds/" \;
      done
      ;;
  esac
  echo "$target: fuzzing for $seconds s with $(ls "$seeds" | wc -l) seed files"
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  ASAN_OPTIONS=detect_leaks=1 \
    "$build/tests/fuzz/$target" -max_total_time="$seconds" -max_len=262144 -rss_limit_mb=2048 \
      -artifact_prefix="$found/" -print_final_stats=1 "$corpus" "$seeds" 2> "$build/$target.log" \
      || failed="$failed $target"
  tail -n 12 "$build/$target.log" >&2
done
# A finding's report, again at the end where a log's tail shows it.
for target in $failed; do
  echo "$target failed; its report:" >&2
  grep -m 1 -A 40 -E 'ERROR|deadly signal|CRITICAL' "$build/$target.log" >&2 || tail -n 40 "$build/$target.log" >&2
done
[ -z "$failed" ]
