#!/usr/bin/env bash
# Where a guest run's CPU time goes, per JVM thread: the guest (main) thread, the C1 and C2 compiler
# threads and the translator's worker, from perf samples at 1 kHz. Wall time on a shared 2-core
# machine swings by tens of percent; the main thread's CPU time moves much less, so alternating
# A/B runs of this script are how the translator's changes were judged.
#
#   benchmarks/cpu-split.sh PROGRAM [JVM OPTIONS...]
#       PROGRAM: a name from benchmarks/guests/prebuilt (crc, sort, ...) or a path to an ELF
#   e.g. benchmarks/cpu-split.sh sort -Dpartita.jit.loopSites=0
#
# Needs perf (Debian package linux-perf) and a built jar (run ./partita once).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/bin/find-jdk25.sh"
command -v perf >/dev/null || { echo "cpu-split.sh: needs perf (Debian package linux-perf)" >&2; exit 2; }
[ $# -ge 1 ] || { sed -n '2,12p' "$0" >&2; exit 2; }
prog="$1"; shift
elf="$prog"
[ -f "$elf" ] || elf="$root/benchmarks/guests/prebuilt/$prog.elf"
[ -f "$elf" ] || { echo "cpu-split.sh: no such program: $prog" >&2; exit 2; }
jar="$root/tools/target/partita.jar"
aot="$root/tools/target/partita.aot"
[ -f "$jar" ] || { echo "cpu-split.sh: $jar missing: run ./partita once" >&2; exit 2; }
data="$(mktemp)"
trap 'rm -f "$data"' EXIT
aotopt=()
[ -f "$aot" ] && aotopt=("-XX:AOTCache=$aot")
start=$(date +%s.%N)
perf record -q -F 1000 -o "$data" "$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xss4m -XX:-UsePerfData \
  -XX:+UnlockDiagnosticVMOptions -XX:-UseSwitchProfiling ${aotopt[@]+"${aotopt[@]}"} "$@" \
  -jar "$jar" -M ppce500 -nographic -no-reboot -icount shift=0 -bios "$elf" </dev/null >/dev/null 2>&1
end=$(date +%s.%N)
printf '%s [%s] wall %.2f s  ' "$(basename "$elf" .elf)" "$*" "$(echo "$end - $start" | bc)"
perf report -i "$data" --sort comm --stdio -n 2>/dev/null \
  | awk '$3 == "java" {printf "guest thread %.2f s  ", $2/1000}
         $3 == "C2" {printf "C2 %.2f s  ", $2/1000}
         $3 == "C1" {printf "C1 %.2f s  ", $2/1000}
         $3 ~ /^partita-transla/ {printf "translator worker %.2f s  ", $2/1000}
         END {print ""}'
