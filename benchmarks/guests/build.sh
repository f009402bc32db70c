#!/bin/sh
# Builds the guest benchmark programs (checked in under prebuilt/, so running them needs no cross compiler)
# and their native twins.
#
#   guests/build.sh                  # every program: prebuilt/NAME.elf and prebuilt/small/NAME.elf
#   guests/build.sh crc sort         # just these
#   guests/build.sh --native DIR     # native host builds instead: DIR/full/NAME and DIR/small/NAME
#
# The guest side reuses the firmware tests' runtime (crt0, link script, UART printf, reset through
# GUTS RSTCR) straight from firmware-tests/guest/. Reproducible like that build: fixed flags, file
# prefixes mapped away, no build id, debug info stripped.
set -eu
caller=$(pwd)
cd "$(dirname "$0")"
here=$(pwd)
root=$(cd ../.. && pwd)
FW=$root/firmware-tests/guest
CC=${CC:-powerpc-linux-gnu-gcc}
HOSTCC=${HOSTCC:-gcc}

native=
if [ "${1:-}" = --native ]; then
    native=$2
    shift 2
fi

# Same optimisation flags on both sides; no libc builtins or loop-to-memcpy rewriting, so both run the
# same C code rather than one of them calling a tuned library.
COMMON="-O2 -fno-builtin -fno-tree-loop-distribute-patterns -Wall -Wno-main -Icommon"
CFLAGS="$COMMON -mcpu=8548 -msoft-float -mno-altivec -ffreestanding -nostdlib -nostartfiles \
 -fno-pie -no-pie -fno-stack-protector -fno-asynchronous-unwind-tables -fno-ident -msdata=none -G 0 \
 -mno-relocatable -Wa,-mregnames -I$FW/rt -ffile-prefix-map=$root/= -ffile-prefix-map=$root=."
LDFLAGS="-Wl,-T,$FW/link.ld -Wl,--build-id=none -Wl,-n -static -Wl,--no-warn-rwx-segments -Wl,-z,noexecstack"
export SOURCE_DATE_EPOCH=0 LC_ALL=C
RT="$FW/rt/crt0.S $FW/rt/exec.S $FW/rt/rt.c"

need() {
    if ! command -v "$1" >/dev/null 2>&1; then
        echo "build.sh: $1 not found; install the Debian package $2 (apt-get install $2)" >&2
        exit 1
    fi
}

guest() { # name
    for variant in full small; do
        if [ $variant = small ]; then out=prebuilt/small; def=-DBENCH_SMALL; else out=prebuilt; def=; fi
        mkdir -p "$out"
        # shellcheck disable=SC2086
        $CC $CFLAGS $def $LDFLAGS -o "$out/$1.elf" $RT "progs/$1.c" -lgcc
        powerpc-linux-gnu-strip --strip-debug "$out/$1.elf"
        echo "built $out/$1.elf"
    done
}

host() { # name
    for variant in full small; do
        if [ $variant = small ]; then def=-DBENCH_SMALL; else def=; fi
        mkdir -p "$native/$variant"
        # shellcheck disable=SC2086
        $HOSTCC $COMMON -DNATIVE $def -o "$native/$variant/$1" "progs/$1.c"
        echo "built $native/$variant/$1"
    done
}

if [ -n "$native" ]; then
    need "$HOSTCC" gcc
    case $native in /*) ;; *) native=$caller/$native ;; esac
else
    need "$CC" gcc-powerpc-linux-gnu
fi
if [ $# -eq 0 ]; then
    set -- $(for s in progs/*.c; do basename "$s" .c; done)
fi
for n in "$@"; do
    if [ -n "$native" ]; then host "$n"; else guest "$n"; fi
done
