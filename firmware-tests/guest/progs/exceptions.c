/*
 * sc and rfi round trips, tw/twi over every TO value, illegal instructions, privileged instructions
 * in user mode (entered with rfi to MSR[PR] = 1, left with sc), misaligned lwarx (alignment).
 * Left out where QEMU 7.2 and Book E differ: SRR1 of program interrupts (QEMU does not save the MSR),
 * ESR of alignment interrupts (QEMU leaves ESR alone) and misaligned stwcx. (QEMU checks the
 * reservation first and fails without an alignment interrupt).
 */
#include "enc.h"

#define LOGN 16
static struct { u32 vec, off, esr, srr1; } log[LOGN];
static u32 nlog;

static void record(struct frame *f)
{
    if (nlog < LOGN) {
        log[nlog].vec = f->vec;
        log[nlog].off = f->srr0 - (u32)code_buf;
        log[nlog].esr = f->esr;
        log[nlog].srr1 = f->srr1;
    }
    nlog++;
}

static void on_program(struct frame *f)
{
    record(f);
    f->srr0 += 4;
}

static void on_sc(struct frame *f)
{
    record(f);
    f->gpr[3] = f->gpr[3] * 2 + f->gpr[0];
    f->srr1 &= ~MSR_PR; /* sc from user mode returns to supervisor mode */
}

static void print_log(const char *what)
{
    printf("%s: %d interrupt(s)", what, nlog);
    for (u32 i = 0; i < nlog && i < LOGN; i++) {
        printf(" [vec=%d at +%x esr=%08x", log[i].vec, log[i].off, log[i].esr);
        if (log[i].vec != VEC_PROGRAM)
            printf(" srr1=%08x", log[i].srr1);
        printf("]");
    }
    printf("\n");
    nlog = 0;
}

static u8 buf[64] __attribute__((aligned(32)));

int main(void)
{
    struct xstate s;
    exc_handlers[VEC_PROGRAM] = on_program;
    exc_handlers[VEC_SC] = on_sc;

    /* sc: the handler computes r3 = 2 * r3 + r0; SRR0 points after sc. */
    {
        u32 code[2] = { 0x44000002, enc_li(9, 77) };
        xs_init(&s);
        s.r[0] = 1;
        s.r[3] = 20;
        load_code(code, 2);
        exec_code(&s);
        printf("sc: r3=%d r9=%d\n", s.r[3], s.r[9]);
        print_log("sc");
    }
    /* rfi to a new MSR and address. */
    {
        u32 code[5] = { ENC_MTSPR(SPR_SRR0, 6), ENC_MTSPR(SPR_SRR1, 7), 0x4C000064, enc_li(5, 1), enc_x(8, 0, 0, 83, 0) };
        xs_init(&s);
        s.r[5] = 0;
        s.r[6] = (u32)&code_buf[4];
        s.r[7] = MSR_ME;
        load_code(code, 5);
        exec_code(&s);
        printf("rfi: skipped=%d msr=%08x\n", s.r[5] == 0, s.r[8]);
        mtmsr(0);
    }
    /* tw: which TO values trap for each operand pair (bit TO set in the mask = trapped). */
    static const u32 pairs[][2] = { { 1, 2 }, { 2, 1 }, { 0xFFFFFFFF, 1 }, { 1, 0xFFFFFFFF }, { 5, 5 }, { 0x80000000, 0x7FFFFFFF } };
    for (u32 p = 0; p < 6; p++) {
        u32 mask_tw = 0, mask_twi = 0;
        for (u32 to = 0; to < 32; to++) {
            xs_init(&s);
            s.r[6] = pairs[p][0];
            s.r[7] = pairs[p][1];
            nlog = 0;
            run1(enc_x(to, 6, 7, 4, 0), &s);
            if (nlog)
                mask_tw |= 1u << to;
            nlog = 0;
            run1(enc_d(3, to, 6, pairs[p][1]), &s);
            if (nlog)
                mask_twi |= 1u << to;
        }
        printf("tw %08x %08x: trap mask tw=%08x twi=%08x\n", pairs[p][0], pairs[p][1], mask_tw, mask_twi);
    }
    nlog = 0;
    xs_init(&s);
    run1(0x7FE00008, &s); /* trap (tw 31,0,0) */
    print_log("tw 31");
    /* Illegal instructions: all-zero word, tdi (64-bit only), an unused primary opcode. */
    {
        u32 code[4] = { 0x00000000, 0x08000000, 0x14000000, enc_li(5, 9) };
        xs_init(&s);
        load_code(code, 4);
        exec_code(&s);
        printf("after illegal: r5=%d\n", s.r[5]);
        print_log("illegal");
    }
    /* User mode: privileged instructions trap, user-accessible SPRs work, sc comes back. */
    {
        u32 code[] = {
            ENC_MTSPR(SPR_SRR0, 6), ENC_MTSPR(SPR_SRR1, 7), 0x4C000064, /* rfi to +c with PR = 1 */
            enc_x(5, 0, 0, 83, 0),                                        /* c: mfmsr r5: privileged */
            ENC_MTSPR(SPR_SPRG0, 8),                                      /* 10: privileged */
            ENC_MFSPR(9, SPR_SPRG3_RO),                                   /* user readable */
            ENC_MTSPR(SPR_USPRG0, 8), ENC_MFSPR(10, SPR_USPRG0),          /* user read/write */
            ENC_MFSPR(11, SPR_SPRG0),                                     /* 20: privileged */
            enc_x(8, 0, 0, 146, 0),                                       /* 24: mtmsr: privileged */
            0x4C000064,                                                   /* 28: rfi: privileged */
            enc_x(0, 0, 6, 786, 0),                                       /* 2c: tlbivax: privileged */
            0x44000002,                                                   /* 30: sc back to supervisor */
            enc_x(12, 0, 0, 83, 0),                                       /* mfmsr r12 */
        };
        mtspr(SPR_SPRG3, 0x33333333);
        xs_init(&s);
        s.r[6] = (u32)&code_buf[3];
        s.r[7] = MSR_PR;
        s.r[8] = 0x0000ABCD;
        s.r[0] = 0;
        s.r[3] = 0;
        load_code(code, sizeof(code) / 4);
        exec_code(&s);
        printf("user: r5=%08x r9=%08x r10=%08x r11=%08x msr after sc=%08x\n", s.r[5], s.r[9], s.r[10], s.r[11], s.r[12]);
        print_log("user");
    }
    /* Alignment: lwarx needs a word-aligned address; DEAR gets the address. */
    for (u32 k = 1; k < 4; k++) {
        u32 code[2] = { enc_x(5, 0, 6, 20, 0), enc_li(5, 3) };
        exc_clear();
        xs_init(&s);
        s.r[6] = (u32)buf + k;
        load_code(code, 2);
        exec_code(&s);
        printf("misaligned lwarx +%d: %d interrupt(s), vec=%d at +%x dear=buf+%d r5=%d\n", k, exc_last.count,
               exc_last.vec, exc_last.srr0 - (u32)code_buf, exc_last.dear - (u32)buf, s.r[5]);
    }
    return 0;
}
