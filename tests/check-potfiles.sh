#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a file with translatable strings is missing from po/POTFILES.in,
# or when POTFILES.in names a file that does not exist.
#   check-potfiles.sh SOURCE_ROOT
# Translatable: C sources under src/ with _( or N_( (also C_/NC_/g_dngettext
# callers use _( somewhere), .ui files under data/ with translatable="yes",
# and every .desktop.in, .metainfo.xml.in and .gschema.xml under data/.
set -eu
root=${1:-.}
cd "$root"
potfiles=po/POTFILES.in
status=0

listed () {
  grep -v '^[[:space:]]*#' "$potfiles" | sed 's/[[:space:]]*$//' | grep -qxF "$1"
}

candidates=$(
  {
    find src -name '*.c' -o -name '*.h' | while read -r f; do
      if grep -qE '(^|[^A-Za-z0-9_])(N|C|NC)?_\(' "$f"; then echo "$f"; fi
    done
    find data -name '*.ui' | while read -r f; do
      if grep -q 'translatable="yes"' "$f"; then echo "$f"; fi
    done
    find data -name '*.desktop.in' -o -name '*.metainfo.xml.in' -o -name '*.gschema.xml'
  } | sort -u
)

for f in $candidates; do
  if ! listed "$f"; then
    echo "not in $potfiles: $f"
    status=1
  fi
done

for f in $(grep -v '^[[:space:]]*#' "$potfiles" | sed 's/[[:space:]]*$//'); do
  if [ ! -f "$f" ]; then
    echo "in $potfiles but missing: $f"
    status=1
  fi
done

[ "$status" -eq 0 ] && echo "$potfiles lists all $(echo "$candidates" | wc -l) files with translatable strings"
exit "$status"
