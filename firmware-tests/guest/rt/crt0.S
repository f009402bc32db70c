/*
 * Start-up code of the e500v2 test programs.
 *
 * Entered as QEMU's ppce500 board enters a bare-metal ELF: MSR = 0, TLB1 entry 0 maps EA 0 -> PA 0
 * (64 MiB), r3 = device tree, r6 = ePAPR magic, r7 = size of that mapping. We record the boot
 * registers, map CCSR (PA 0xF_E000_0000, 1 MiB) at EA 0xFE000000 through TLB1 entry 1 (cache
 * inhibited, guarded), clear .bss, point IVPR/IVORs at the stubs below and call main().
 */
#define FRAME 192
#define G(n) (8 + 4 * (n))
#define F_CR 136
#define F_XER 140
#define F_CTR 144
#define F_LR 148
#define F_SRR0 152
#define F_SRR1 156
#define F_VEC 160
#define F_ESR 164
#define F_DEAR 168

    .section .vectors, "ax"
    .globl vectors
vectors:
/* One 16-byte stub per vector: make a frame, save r3, pass the vector number in r3. */
    .macro STUB n
    .balign 16
vec_\n:
    stwu r1, -FRAME(r1)
    stw r3, G(3)(r1)
    li r3, \n
    b exc_common
    .endm
    STUB 0
    STUB 1
    STUB 2
    STUB 3
    STUB 4
    STUB 5
    STUB 6
    STUB 7
    STUB 8
    STUB 9
    STUB 10
    STUB 11
    STUB 12
    STUB 13
    STUB 14
    STUB 15
    STUB 32
    STUB 33
    STUB 34
    STUB 35

exc_common:
    stw r0, G(0)(r1)
    stw r2, G(2)(r1)
    .irp n, 4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    stw r\n, G(\n)(r1)
    .endr
    stw r3, F_VEC(r1)
    addi r0, r1, FRAME
    stw r0, G(1)(r1)
    mfcr r0
    stw r0, F_CR(r1)
    mfxer r0
    stw r0, F_XER(r1)
    mfctr r0
    stw r0, F_CTR(r1)
    mflr r0
    stw r0, F_LR(r1)
    mfsrr0 r0
    stw r0, F_SRR0(r1)
    mfsrr1 r0
    stw r0, F_SRR1(r1)
    mfspr r0, 62            /* ESR */
    stw r0, F_ESR(r1)
    mfspr r0, 61            /* DEAR */
    stw r0, F_DEAR(r1)
    mr r3, r1
    bl exc_dispatch
    lwz r0, F_CR(r1)
    mtcr r0
    lwz r0, F_XER(r1)
    mtxer r0
    lwz r0, F_CTR(r1)
    mtctr r0
    lwz r0, F_LR(r1)
    mtlr r0
    lwz r0, F_SRR0(r1)
    mtsrr0 r0
    lwz r0, F_SRR1(r1)
    mtsrr1 r0
    lwz r0, G(0)(r1)
    .irp n, 2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    lwz r\n, G(\n)(r1)
    .endr
    lwz r1, G(1)(r1)
    rfi

    .section .text.start, "ax"
    .globl _start
_start:
    /* Keep the boot registers for the boot test. */
    lis r10, boot_r3@ha
    stw r3, boot_r3@l(r10)
    lis r10, boot_r4@ha
    stw r4, boot_r4@l(r10)
    lis r10, boot_r5@ha
    stw r5, boot_r5@l(r10)
    lis r10, boot_r6@ha
    stw r6, boot_r6@l(r10)
    lis r10, boot_r7@ha
    stw r7, boot_r7@l(r10)
    mfmsr r9
    lis r10, boot_msr@ha
    stw r9, boot_msr@l(r10)

    lis r1, stack_top@h
    ori r1, r1, stack_top@l
    li r0, 0
    stwu r0, -16(r1)

    /* TLB1 entry 1: EA 0xFE000000 -> PA 0xF_E000_0000, 1 MiB, I|G, supervisor read/write. */
    lis r9, 0x1001          /* MAS0: TLBSEL 1, ESEL 1 */
    mtspr 624, r9
    lis r9, 0x8000
    ori r9, r9, 0x0500      /* MAS1: V, TID 0, TS 0, TSIZE 5 (1 MiB) */
    mtspr 625, r9
    lis r9, 0xFE00
    ori r9, r9, 0x000A      /* MAS2: EPN 0xFE000, I, G */
    mtspr 626, r9
    lis r9, 0xE000
    ori r9, r9, 0x0005      /* MAS3: RPN low 0xE0000, SW, SR */
    mtspr 627, r9
    li r9, 0xF              /* MAS7: RPN high bits */
    mtspr 944, r9
    isync
    tlbwe
    isync

    /* Clear .bss (the stack lives in it, unused so far). */
    lis r9, __bss_start@h
    ori r9, r9, __bss_start@l
    lis r10, __bss_end@h
    ori r10, r10, __bss_end@l
    li r0, 0
    cmplw r9, r10
    bge 2f
1:  stw r0, 0(r9)
    addi r9, r9, 4
    cmplw r9, r10
    blt 1b
2:
    /* The stack was cleared with .bss: lay down the first back chain again. */
    lis r1, stack_top@h
    ori r1, r1, stack_top@l
    stwu r0, -16(r1)

    /* Interrupt vectors. */
    lis r9, vectors@h
    mtspr 63, r9            /* IVPR */
    .macro SETIVOR n, spr
    li r9, (vec_\n - vectors)
    mtspr \spr, r9
    .endm
    SETIVOR 0, 400
    SETIVOR 1, 401
    SETIVOR 2, 402
    SETIVOR 3, 403
    SETIVOR 4, 404
    SETIVOR 5, 405
    SETIVOR 6, 406
    SETIVOR 7, 407
    SETIVOR 8, 408
    SETIVOR 9, 409
    SETIVOR 10, 410
    SETIVOR 11, 411
    SETIVOR 12, 412
    SETIVOR 13, 413
    SETIVOR 14, 414
    SETIVOR 15, 415
    SETIVOR 32, 528
    SETIVOR 33, 529
    SETIVOR 34, 530
    SETIVOR 35, 531
    isync

    bl main
    bl reset
3:  b 3b

    .section .bss
    .balign 16
stack_bottom:
    .space 0x8000
stack_top:

    .section .note.GNU-stack, "", @progbits
