#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a command on an Xvfb of its own: run-on-xvfb.sh PROGRAM [ARG...]
# Xvfb picks a free display itself (-displayfd), so that UI tests can run
# in parallel: `xvfb-run -a` chooses one by looking for lock files, and two
# runs started together can choose the same one and fail.
set -eu
displayfile=$(mktemp)
trap 'kill "$xvfb" 2>/dev/null || true; rm -f "$displayfile"' EXIT
Xvfb -displayfd 3 -screen 0 1400x1000x24 -nolisten tcp 3>"$displayfile" 2>/dev/null &
xvfb=$!
tries=0
while [ ! -s "$displayfile" ]; do
  tries=$((tries + 1))
  if [ $tries -gt 600 ] || ! kill -0 "$xvfb" 2>/dev/null; then
    echo "run-on-xvfb.sh: Xvfb did not start" >&2
    exit 1
  fi
  sleep 0.1
done
DISPLAY=:$(head -n 1 "$displayfile")
export DISPLAY
"$@"
