#!/usr/bin/env bash
# Start-up time: seconds from starting a command to a given text appearing on its standard output.
#
#   bin/startup-time.sh                 the standard table: hello.elf's first line, U-Boot's autoboot line
#                                       and its prompt under ./partita, and the same under QEMU for comparison
#   bin/startup-time.sh [-n RUNS] TEXT -- COMMAND [ARGS...]
#                                       one measurement: median (and each run) of RUNS runs, default 5
#
# Each run starts COMMAND in its own process group with standard input on a pipe, reads its standard
# output unbuffered, stops the clock when TEXT has appeared and then kills the group. A run that does not
# show TEXT within 30 s counts as a failure. Needs python3.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

measure() { # RUNS TEXT COMMAND...
  python3 - "$@" <<'EOF'
import os, signal, statistics, subprocess, sys, time
runs, text, cmd = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3:]
times = []
for _ in range(runs):
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    seen, found = b"", None
    os.set_blocking(p.stdout.fileno(), True)
    while time.monotonic() - t0 < 30:
        chunk = os.read(p.stdout.fileno(), 4096)
        if not chunk:
            break
        seen += chunk
        if text in seen:
            found = time.monotonic() - t0
            break
    try:
        os.killpg(p.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    p.wait()
    if found is None:
        print(f"  run failed: {text.decode()!r} not seen; output began {seen[:200]!r}", file=sys.stderr)
        sys.exit(1)
    times.append(found)
print(f"{statistics.median(times):.3f} s  (runs: {' '.join(f'{t:.3f}' for t in times)})")
EOF
}

if [ $# -gt 0 ]; then
  runs=5
  if [ "$1" = -n ]; then runs="$2"; shift 2; fi
  text="$1"; shift
  [ "${1:-}" = -- ] && shift
  measure "$runs" "$text" "$@"
  exit
fi

uboot=/usr/lib/u-boot/qemu-ppce500/uboot.elf
hello=firmware-tests/guest/prebuilt/hello.elf
hello_text="hello from e500v2"
./partita --help >/dev/null 2>&1 || true # builds the jar (and its AOT cache) outside the measurement
echo "first line of hello.elf ('$hello_text'), median of 5:"
printf '  partita: '; measure 5 "$hello_text" ./partita -M ppce500 -nographic -no-reboot -bios "$hello"
printf '  qemu:    '; measure 5 "$hello_text" qemu-system-ppc -M ppce500 -nographic -no-reboot -bios "$hello"
echo "U-Boot 'Hit any key to stop autoboot', median of 5:"
printf '  partita: '; measure 5 "Hit any key to stop autoboot" ./partita -M ppce500 -m 256 -nographic -bios "$uboot"
printf '  qemu:    '; measure 5 "Hit any key to stop autoboot" qemu-system-ppc -M ppce500 -m 256 -nographic -bios "$uboot"
echo "U-Boot's prompt '=> ' (after its countdown), median of 5:"
printf '  partita: '; measure 5 "=> " ./partita -M ppce500 -m 256 -nographic -bios "$uboot"
printf '  qemu:    '; measure 5 "=> " qemu-system-ppc -M ppce500 -m 256 -nographic -bios "$uboot"
