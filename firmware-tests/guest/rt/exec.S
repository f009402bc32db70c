/*
 * exec_code(struct xstate *s): runs the words in code_buf with r0, r2..r31, CR, XER, CTR and LR taken
 * from s, and stores them back into s when the code reaches the branch to exec_return that
 * load_code() appends. Generated code must leave r1 alone and must not branch out of code_buf.
 */
#define S_CR 128
#define S_XER 132
#define S_CTR 136
#define S_LR 140
#define FR 112

    .text
    .globl exec_code
exec_code:
    stwu r1, -FR(r1)
    mflr r0
    stw r0, FR+4(r1)
    stw r2, 12(r1)
    .irp n, 13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    stw r\n, (4 * (\n - 13) + 16)(r1)
    .endr
    mfcr r0
    stw r0, 92(r1)
    stw r3, 8(r1)
    lwz r0, S_CR(r3)
    mtcrf 0xff, r0
    lwz r0, S_XER(r3)
    mtxer r0
    lwz r0, S_CTR(r3)
    mtctr r0
    lwz r0, S_LR(r3)
    mtlr r0
    lwz r0, 0(r3)
    lwz r2, 8(r3)
    .irp n, 4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    lwz r\n, (4 * \n)(r3)
    .endr
    lwz r3, 12(r3)
    b code_buf

    .globl exec_return
exec_return:
    stw r3, 96(r1)
    lwz r3, 8(r1)
    stw r0, 0(r3)
    stw r2, 8(r3)
    .irp n, 4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    stw r\n, (4 * \n)(r3)
    .endr
    lwz r0, 96(r1)
    stw r0, 12(r3)
    mfcr r0
    stw r0, S_CR(r3)
    mfxer r0
    stw r0, S_XER(r3)
    mfctr r0
    stw r0, S_CTR(r3)
    mflr r0
    stw r0, S_LR(r3)
    lwz r0, 92(r1)
    mtcrf 0xff, r0
    lwz r2, 12(r1)
    .irp n, 13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    lwz r\n, (4 * (\n - 13) + 16)(r1)
    .endr
    lwz r0, FR+4(r1)
    mtlr r0
    addi r1, r1, FR
    blr

    .section .note.GNU-stack, "", @progbits
