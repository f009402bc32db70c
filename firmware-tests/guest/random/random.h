/* Layout of the randomized-test blob that RandomDifferentialTest patches into random.elf. */
#define RAND_MAGIC 0x52414E44u /* "RAND" */
#define RAND_MAXCODE 256        /* words of code per block, padded with nops */
#define RAND_SCRATCH_WORDS 64   /* 256-byte scratch buffer, 64-byte aligned */
#define RAND_MAXBLOCKS 32
/* block: gpr[32], cr, xer, ctr, lr, scratch[RAND_SCRATCH_WORDS], code[RAND_MAXCODE] */
#define RAND_BLOCK_WORDS (36 + RAND_SCRATCH_WORDS + RAND_MAXCODE)
/* blob: magic, nblocks, block words, reserved, blocks */
#define RAND_BLOB_BYTES (16 + RAND_MAXBLOCKS * RAND_BLOCK_WORDS * 4)
