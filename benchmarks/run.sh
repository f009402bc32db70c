#!/usr/bin/env bash
# Guest benchmark runner: each program in benchmarks/guests/prebuilt on Partita and on QEMU (alternately,
# several times) and natively; checks the checksums and writes a Markdown table and an SVG chart.
#   benchmarks/run.sh --help
set -eu
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/bin/find-jdk25.sh"
exec "$JAVA_HOME/bin/java" "$root/benchmarks/src/main/java/dev/partita/benchmarks/guests/GuestRunner.java" --root "$root" "$@"
