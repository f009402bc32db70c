/*
 * Integer/CRC mix: table-driven CRC-32 (reflected, polynomial 0xEDB88320) over a 64 KiB buffer that is
 * rewritten between passes, plus an integer kernel (multiply, divide, shifts, rotates, compares and
 * data-dependent branches: Collatz steps, gcd, bit counting) over the CRC results.
 */
#include "bench.h"

#define BUF_BYTES 65536
#define PASSES SIZE(15000, 300)

static u32 table[256];
static u8 buf[BUF_BYTES];

static void make_table(void)
{
    for (u32 i = 0; i < 256; i++) {
        u32 c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
}

static u32 crc32(const u8 *p, u32 n)
{
    u32 c = 0xFFFFFFFFu;
    while (n--)
        c = table[(c ^ *p++) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

static u32 gcd(u32 a, u32 b)
{
    while (b) {
        u32 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static u32 popcount(u32 x)
{
    u32 n = 0;
    while (x) {
        x &= x - 1;
        n++;
    }
    return n;
}

/* Integer mix over a seed: about as much work per call as a few KiB of CRC. */
static u32 int_mix(u32 seed)
{
    u32 acc = seed, s = seed | 1;
    for (int i = 0; i < 256; i++) {
        u32 a = xs32(&s), b = xs32(&s) | 1;
        u32 n = (a & 0xFFFF) + 1, steps = 0;
        while (n != 1 && steps < 64) { /* Collatz */
            n = (n & 1) ? 3 * n + 1 : n >> 1;
            steps++;
        }
        acc += steps * 2654435761u;
        acc ^= gcd(a >> 8, b >> 12) + popcount(a ^ b);
        acc += (u32)((s32)a / (s32)(b >> 16 | 1)) + a / (b >> 20 | 1);
        acc = (acc << 7) | (acc >> 25);
        acc += (u32)(((u64)a * b) >> 32);
    }
    return acc;
}

static u32 run(void)
{
    u32 s = 0x12345678u, sum = MIX_INIT;
    make_table();
    for (u32 i = 0; i < BUF_BYTES; i++)
        buf[i] = (u8)(xs32(&s) >> 24);
    for (u32 pass = 0; pass < PASSES; pass++) {
        u32 c = crc32(buf, BUF_BYTES);
        sum = mix(sum, c);
        sum = mix(sum, int_mix(c ^ pass));
        /* Rewrite a stripe so every pass sees different data. */
        for (u32 i = pass & 63; i < BUF_BYTES; i += 64)
            buf[i] ^= (u8)(c >> ((i >> 6) & 24));
        if ((pass & 63) == 0)
            printf("pass %u crc %08x\n", pass, c);
    }
    return sum;
}
