/*
 * Template of the randomized differential test.
 *
 * rand_blob: placeholder patched by the test (see random.h). rand_exec: where random.c copies one
 * block's code; it is followed by the branch back to rand_return.
 * rand_run(block, out): loads r0, r3..r31, CR, XER, CTR and LR from the block, points r2 at
 * rand_scratch, runs the code and stores every GPR, CR, XER, CTR and LR into out (36 words).
 * Generated code never writes r1 or r2 and never branches backwards or out of rand_exec.
 */
#include "random.h"

    .section .data
    .balign 4096
    .globl rand_blob
rand_blob:
    .space RAND_BLOB_BYTES

    .balign 64
    .globl rand_exec
rand_exec:
    .space RAND_MAXCODE * 4
    b rand_return

    .section .bss
    .balign 64
    .globl rand_scratch
rand_scratch:
    .space RAND_SCRATCH_WORDS * 4

#define FR 112
    .text
    .globl rand_run
rand_run:
    stwu r1, -FR(r1)
    mflr r0
    stw r0, FR+4(r1)
    stw r2, 16(r1)
    .irp n, 13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    stw r\n, (4 * (\n - 13) + 20)(r1)
    .endr
    mfcr r0
    stw r0, 96(r1)
    stw r4, 12(r1)
    lwz r0, 128(r3)
    mtcrf 0xff, r0
    lwz r0, 132(r3)
    mtxer r0
    lwz r0, 136(r3)
    mtctr r0
    lwz r0, 140(r3)
    mtlr r0
    lis r2, rand_scratch@ha
    addi r2, r2, rand_scratch@l
    lwz r0, 0(r3)
    .irp n, 4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    lwz r\n, (4 * \n)(r3)
    .endr
    lwz r3, 12(r3)
    b rand_exec

rand_return:
    stw r3, 8(r1)
    lwz r3, 12(r1)
    stw r0, 0(r3)
    stw r1, 4(r3)
    stw r2, 8(r3)
    .irp n, 4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    stw r\n, (4 * \n)(r3)
    .endr
    lwz r0, 8(r1)
    stw r0, 12(r3)
    mfcr r0
    stw r0, 128(r3)
    mfxer r0
    stw r0, 132(r3)
    mfctr r0
    stw r0, 136(r3)
    mflr r0
    stw r0, 140(r3)
    lwz r0, 96(r1)
    mtcrf 0xff, r0
    lwz r2, 16(r1)
    .irp n, 13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    lwz r\n, (4 * (\n - 13) + 20)(r1)
    .endr
    lwz r0, FR+4(r1)
    mtlr r0
    addi r1, r1, FR
    blr

    .section .note.GNU-stack, "", @progbits
