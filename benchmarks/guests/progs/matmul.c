/*
 * Integer matrix multiply: C = A * B on 160 x 160 32-bit matrices (wrapping arithmetic), with the
 * naive i-j-k loop, the cache-friendly i-k-j loop and a blocked version; A is updated from C between
 * rounds so every round multiplies new data.
 */
#include "bench.h"

#define M 160
#define ROUNDS SIZE(480, 6)
#define BLK 32

static u32 A[M][M], B[M][M], C[M][M];

static void ijk(void)
{
    for (u32 i = 0; i < M; i++)
        for (u32 j = 0; j < M; j++) {
            u32 acc = 0;
            for (u32 k = 0; k < M; k++)
                acc += A[i][k] * B[k][j];
            C[i][j] = acc;
        }
}

static void ikj(void)
{
    for (u32 i = 0; i < M; i++) {
        for (u32 j = 0; j < M; j++)
            C[i][j] = 0;
        for (u32 k = 0; k < M; k++) {
            u32 a = A[i][k];
            for (u32 j = 0; j < M; j++)
                C[i][j] += a * B[k][j];
        }
    }
}

static void blocked(void)
{
    for (u32 i = 0; i < M; i++)
        for (u32 j = 0; j < M; j++)
            C[i][j] = 0;
    for (u32 ii = 0; ii < M; ii += BLK)
        for (u32 kk = 0; kk < M; kk += BLK)
            for (u32 jj = 0; jj < M; jj += BLK)
                for (u32 i = ii; i < ii + BLK; i++)
                    for (u32 k = kk; k < kk + BLK; k++) {
                        u32 a = A[i][k];
                        for (u32 j = jj; j < jj + BLK; j++)
                            C[i][j] += a * B[k][j];
                    }
}

static u32 run(void)
{
    u32 s = 0xC0FFEE11u, sum = MIX_INIT;
    for (u32 i = 0; i < M; i++)
        for (u32 j = 0; j < M; j++) {
            A[i][j] = xs32(&s) >> 20;
            B[i][j] = xs32(&s) >> 20;
        }
    for (u32 r = 0; r < ROUNDS; r++) {
        switch (r % 3) {
        case 0:
            ijk();
            break;
        case 1:
            ikj();
            break;
        default:
            blocked();
            break;
        }
        u32 h = MIX_INIT;
        for (u32 i = 0; i < M; i++)
            for (u32 j = 0; j < M; j++) {
                h = mix(h, C[i][j]);
                A[i][j] = (C[i][j] >> 7) & 0xFFF; /* keep products from collapsing to 0 */
            }
        sum = mix(sum, h);
        if (r % 60 == 0)
            printf("round %u c[0][0] %08x c[%u][%u] %08x\n", r, C[0][0], M - 1, M - 1, C[M - 1][M - 1]);
    }
    return sum;
}
