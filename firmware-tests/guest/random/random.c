/*
 * Randomized differential test template: runs each block of the patched blob (random.h) from its
 * initial state and prints the final GPRs, CR, XER (SO/OV/CA/byte count only), CTR, LR and an
 * FNV-1a checksum of the scratch buffer, and how many interrupts the block took (generated code is
 * meant to take none; the default handler skips a faulting instruction). Prints "no blocks" when the
 * blob was not patched.
 */
#include "rt.h"
#include "random.h"

extern u32 rand_blob[];
extern u32 rand_exec[];
extern u32 rand_scratch[];
void rand_run(const u32 *block, u32 *out);

static u32 dummy_reservation;

int main(void)
{
    if (rand_blob[0] != RAND_MAGIC || rand_blob[2] != RAND_BLOCK_WORDS || rand_blob[1] > RAND_MAXBLOCKS) {
        printf("no blocks\n");
        return 0;
    }
    u32 n = rand_blob[1];
    for (u32 b = 0; b < n; b++) {
        const u32 *blk = rand_blob + 4 + b * RAND_BLOCK_WORDS;
        for (u32 i = 0; i < RAND_SCRATCH_WORDS; i++)
            rand_scratch[i] = blk[36 + i];
        for (u32 i = 0; i < RAND_MAXCODE; i++)
            rand_exec[i] = blk[36 + RAND_SCRATCH_WORDS + i];
        sync_icache(rand_exec, RAND_MAXCODE * 4);
        /* Drop any reservation: a stwcx. always clears it. */
        __asm__ volatile("stwcx. %0,0,%1" : : "r"(0), "r"(&dummy_reservation) : "cr0", "memory");
        u32 out[36];
        exc_clear();
        rand_run(blk, out);
        u32 h = 0x811C9DC5u;
        const u8 *m = (const u8 *)rand_scratch;
        for (u32 i = 0; i < RAND_SCRATCH_WORDS * 4; i++)
            h = (h ^ m[i]) * 0x01000193u;
        printf("block %d\n", b);
        for (u32 r = 0; r < 32; r += 8)
            printf("r%d: %08x %08x %08x %08x %08x %08x %08x %08x\n", r, out[r], out[r + 1], out[r + 2], out[r + 3],
                   out[r + 4], out[r + 5], out[r + 6], out[r + 7]);
        printf("cr=%08x xer=%08x ctr=%08x lr=%08x mem=%08x exc=%d\n", out[32], out[33] & 0xE000007Fu, out[34], out[35],
               h, exc_last.count);
    }
    printf("done %d blocks\n", n);
    return 0;
}
