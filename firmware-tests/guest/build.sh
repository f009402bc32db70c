#!/bin/sh
# Builds the e500v2 guest test programs into prebuilt/ (checked in, so tests need no cross compiler).
# Reproducible: fixed flags, file prefixes mapped away, no timestamps or build ids.
set -eu
cd "$(dirname "$0")"
CC=${CC:-powerpc-linux-gnu-gcc}
OUT=prebuilt
CFLAGS="-mcpu=8548 -msoft-float -mno-altivec -ffreestanding -fno-builtin -nostdlib -nostartfiles \
 -fno-pie -no-pie -fno-stack-protector -fno-asynchronous-unwind-tables -fno-ident -msdata=none -G 0 \
 -mno-relocatable -Wa,-mregnames -O2 -Wall -Wno-main -Irt -ffile-prefix-map=$(pwd)=. -ffile-prefix-map=$(pwd)/=./"
LDFLAGS="-Wl,-T,link.ld -Wl,--build-id=none -Wl,-n -static -Wl,--no-warn-rwx-segments -Wl,-z,noexecstack"
export SOURCE_DATE_EPOCH=0 LC_ALL=C
mkdir -p "$OUT"
RT="rt/crt0.S rt/exec.S rt/rt.c"
build() { # name sources...
    name=$1; shift
    # shellcheck disable=SC2086
    $CC $CFLAGS $LDFLAGS -o "$OUT/$name.elf" $RT "$@" -lgcc
    powerpc-linux-gnu-strip --strip-debug "$OUT/$name.elf"
    echo "built $OUT/$name.elf"
}
if [ $# -gt 0 ]; then
    for n in "$@"; do
        if [ "$n" = random ]; then build random random/random.c random/blocks.S -Irandom; else build "$n" "progs/$n.c"; fi
    done
    exit 0
fi
for src in progs/*.c; do
    build "$(basename "$src" .c)" "$src"
done
build random random/random.c random/blocks.S -Irandom
