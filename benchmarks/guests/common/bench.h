/*
 * Shared by the guest benchmark programs: one C source builds both as a bare-metal e500v2 guest (with
 * the runtime from firmware-tests/guest/rt) and as a native host program (-DNATIVE), and both print the
 * same lines. Programs use only fixed-width types and never let byte order or pointer values reach a
 * checksum, so the 32-bit big-endian guest and a 64-bit little-endian host agree.
 *
 * Size: -DBENCH_SMALL selects the quick variant (CI smoke runs); SIZE(full, small) picks a constant.
 */
#ifndef BENCH_H
#define BENCH_H

#ifdef NATIVE
#include <stdio.h>
#include <stdint.h>
typedef uint32_t u32;
typedef int32_t s32;
typedef uint16_t u16;
typedef uint8_t u8;
typedef uint64_t u64;
#else
#include "rt.h"
#endif

#ifdef BENCH_SMALL
#define SIZE(full, small) (small)
#define SIZE_NAME "small"
#else
#define SIZE(full, small) (full)
#define SIZE_NAME "full"
#endif

/* xorshift32: deterministic input data. */
static inline u32 xs32(u32 *s)
{
    u32 x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *s = x;
}

/* Folds a value into a running checksum (FNV-1a style over the 4 bytes, order fixed by arithmetic). */
static inline u32 mix(u32 h, u32 v)
{
    for (int i = 0; i < 4; i++) {
        h ^= (v >> (8 * i)) & 0xFF;
        h *= 16777619u;
    }
    return h;
}
#define MIX_INIT 2166136261u

/* Our own memory helpers: the same code runs on both sides (no libc, no compiler builtins). */
static inline void *b_memcpy(void *d, const void *s, u32 n)
{
    u8 *dp = d;
    const u8 *sp = s;
    while (n--)
        *dp++ = *sp++;
    return d;
}

/* Every program defines run(), which prints its intermediate lines and returns the checksum. */
static u32 run(void);

/* On the guest, crt0 resets the board through GUTS RSTCR when main returns. */
int main(void)
{
    u32 sum = run();
    printf("checksum %08x\n", sum);
    return 0;
}

#endif
