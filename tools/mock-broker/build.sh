#!/bin/sh
# Compiles launcher.c into the cache (outside the source tree, under the gitignored
# node_modules/) when the binary is missing or was built from another launcher.c (the source's
# checksum is kept beside it: another checkout sharing node_modules, or an older commit checked
# out, may have left a binary newer than this source); prints the binary's path.
# Usage: tools/mock-broker/build.sh [output path]
# Exit 3 with one line on stderr when the C compiler or librdkafka-dev is missing.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src="$here/launcher.c"
root=$(cd "$here/../.." && pwd)
out=${1:-"$root/node_modules/.cache/ordertrack/mock-broker"}
missing="run .ci/run or apt-get install librdkafka-dev"
sum=$(cksum < "$src")
if [ ! -x "$out" ] || [ "$(cat "$out.src" 2>/dev/null)" != "$sum" ]; then
  command -v cc >/dev/null || { echo "mock broker: no C compiler (cc): $missing gcc" >&2; exit 3; }
  printf '#include <librdkafka/rdkafka.h>\n#include <librdkafka/rdkafka_mock.h>\n' | cc -E -x c - >/dev/null 2>&1 ||
    { echo "mock broker: librdkafka-dev is not installed: $missing" >&2; exit 3; }
  mkdir -p "$(dirname "$out")"
  # Several test files may build at once: compile to a private name, then rename into place.
  cc -O2 -Wall -Wextra -rdynamic -o "$out.$$" "$src" -lrdkafka -ldl
  mv -f "$out.$$" "$out"
  echo "$sum" > "$out.src.$$" && mv -f "$out.src.$$" "$out.src"
fi
echo "$out"
