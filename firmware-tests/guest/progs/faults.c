/*
 * Precise exceptions in the middle of straight-line code. Each case generates a long run of
 * arithmetic (many registers, CR fields and XER[CA/OV/SO] changing all the time) with one or more
 * faulting instructions at its first, a middle or its last position, runs it with every GPR, CR, XER,
 * CTR and LR preset, and prints what the handlers recorded (vector, SRR0 as an offset into the code,
 * SRR1, ESR, DEAR, CR, XER, CTR, LR and all GPRs at the interrupt) and the full state at the end.
 * Handlers fix things up and return: DTLB/ITLB misses map the page (TLB0) and retry, DSI, program and
 * alignment interrupts skip the instruction, a trap adds 0x1000 to r0, sc multiplies r0 by 3 and adds
 * 1 (or, with r0 = 0x5C01 / 0x5C00, enters / leaves user mode).
 * Cases: DTLB miss on load/store/update forms, DSI on a read-only page (stwu must not update rA),
 * illegal and privileged (user mode) instructions, tw/twi, sc, misaligned lwarx, lwarx with a TLB miss
 * followed by a successful stwcx., stwcx. to a read-only page, lmw/stmw running into an unmapped page,
 * faults inside loops after N iterations, a fault right after add., addc, addo., cmpw, and code
 * running off its page into an unmapped one (ITLB misses).
 * Left out where QEMU 7.2 and Book E differ or Book E leaves it open: SRR1 of program interrupts, ESR
 * of alignment, sc and ITLB interrupts, and the target registers of an lmw at the moment it faults
 * (QEMU has loaded the words before the unmapped page; Book E leaves them undefined).
 */
#include "enc.h"

#define VA 0x10000000u
#define NPAGES 8
#define PG_RO 4    /* read-only data page */
#define PG_CODE 6  /* pages 6 and 7 hold code */
static u8 vpages[NPAGES][4096] __attribute__((aligned(4096)));
static u32 xcode[2048] __attribute__((aligned(4096)));

/* ---- running generated code: xrun(state, entry) ---- */
void xrun(struct xstate *s, u32 entry);
extern char xrun_ret[];
__asm__(
    "    .text\n"
    "    .globl xrun\n"
    "xrun:\n"
    "    stwu r1, -112(r1)\n"
    "    mflr r0\n"
    "    stw r0, 116(r1)\n"
    "    stw r2, 12(r1)\n"
    "    .irp n, 13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
    "    stw r\\n, (4 * (\\n - 13) + 16)(r1)\n"
    "    .endr\n"
    "    mfcr r0\n"
    "    stw r0, 92(r1)\n"
    "    stw r3, 8(r1)\n"
    "    mtsrr0 r4\n"
    "    mfmsr r0\n"
    "    mtsrr1 r0\n"
    "    lwz r0, 128(r3)\n"
    "    mtcrf 0xff, r0\n"
    "    lwz r0, 132(r3)\n"
    "    mtxer r0\n"
    "    lwz r0, 136(r3)\n"
    "    mtctr r0\n"
    "    lwz r0, 140(r3)\n"
    "    mtlr r0\n"
    "    lwz r0, 0(r3)\n"
    "    lwz r2, 8(r3)\n"
    "    .irp n, 4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
    "    lwz r\\n, (4 * \\n)(r3)\n"
    "    .endr\n"
    "    lwz r3, 12(r3)\n"
    "    rfi\n"
    "    .globl xrun_ret\n"
    "xrun_ret:\n"
    "    stw r3, 96(r1)\n"
    "    lwz r3, 8(r1)\n"
    "    stw r0, 0(r3)\n"
    "    stw r2, 8(r3)\n"
    "    .irp n, 4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
    "    stw r\\n, (4 * \\n)(r3)\n"
    "    .endr\n"
    "    lwz r0, 96(r1)\n"
    "    stw r0, 12(r3)\n"
    "    mfcr r0\n"
    "    stw r0, 128(r3)\n"
    "    mfxer r0\n"
    "    stw r0, 132(r3)\n"
    "    mfctr r0\n"
    "    stw r0, 136(r3)\n"
    "    mflr r0\n"
    "    stw r0, 140(r3)\n"
    "    lwz r0, 92(r1)\n"
    "    mtcrf 0xff, r0\n"
    "    lwz r2, 12(r1)\n"
    "    .irp n, 13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
    "    lwz r\\n, (4 * (\\n - 13) + 16)(r1)\n"
    "    .endr\n"
    "    lwz r0, 116(r1)\n"
    "    mtlr r0\n"
    "    addi r1, r1, 112\n"
    "    blr\n");

/* ---- interrupt log ---- */
#define LOGN 12
struct rec { u32 vec, srr0, srr1, esr, dear, cr, xer, ctr, lr, gpr[32]; u32 lmw_from; };
static struct rec logv[LOGN];
static u32 nlog;
static u32 code_base;      /* SRR0 is printed relative to this */
static u32 lmw_first;      /* registers lmw_first..31 are not printed in records (0 = all printed) */

static void record(struct frame *f)
{
    if (nlog < LOGN) {
        struct rec *r = &logv[nlog];
        r->vec = f->vec;
        r->srr0 = f->srr0;
        r->srr1 = f->srr1;
        r->esr = f->esr;
        r->dear = f->dear;
        r->cr = f->cr;
        r->xer = f->xer;
        r->ctr = f->ctr;
        r->lr = f->lr;
        for (int i = 0; i < 32; i++)
            r->gpr[i] = f->gpr[i];
        r->lmw_from = lmw_first;
    }
    nlog++;
}

static const u8 page_perm[NPAGES] = { 0x3F, 0x3F, 0x3F, 0x3F, 0x03, 0x3F, 0x3F, 0x3F };

static void map_page(u32 ea)
{
    u32 idx = (ea - VA) >> 12;
    if (ea < VA || idx >= NPAGES) {
        printf("unexpected TLB miss at %08x\n", ea);
        reset();
    }
    mtspr(SPR_MAS3, (u32)vpages[idx] | page_perm[idx]);
    mtspr(SPR_MAS7, 0);
    __asm__ volatile("isync; tlbwe; isync" : : : "memory");
}

static void on_tlb_miss(struct frame *f)
{
    record(f);
    map_page(f->vec == VEC_DTLB ? f->dear : f->srr0);
}

static void on_skip(struct frame *f)
{
    record(f);
    if (f->vec == VEC_PROGRAM) {
        /* QEMU 7.2 ORs classic-PowerPC reason bits into SRR1 (MSR[CE], MSR[WE] and reserved bits on
         * Book E); drop them so rfi returns to the same MSR on both. */
        f->srr1 &= ~0x001E0000u;
        if (f->esr & ESR_PTR)
            f->gpr[0] += 0x1000;
    }
    f->srr0 += 4;
}

static void on_sc(struct frame *f)
{
    record(f);
    if (f->gpr[0] == 0x5C01)
        f->srr1 |= MSR_PR;
    else if (f->gpr[0] == 0x5C00)
        f->srr1 &= ~MSR_PR;
    else
        f->gpr[0] = f->gpr[0] * 3 + 1;
}

static void print_gprs(const u32 *g, u32 lmw_from)
{
    for (int i = 0; i < 32; i++) {
        if (i % 8 == 0)
            printf("  r%d-r%d:", i, i + 7);
        if (lmw_from && i >= (int)lmw_from)
            printf(" --------");
        else
            printf(" %08x", g[i]);
        if (i % 8 == 7)
            printf("\n");
    }
}

static void print_log(void)
{
    printf(" %d interrupt(s)\n", nlog);
    for (u32 i = 0; i < nlog && i < LOGN; i++) {
        struct rec *r = &logv[i];
        printf(" #%d vec=%d at +%x", i, r->vec, r->srr0 - code_base);
        if (r->vec != VEC_PROGRAM)
            printf(" srr1=%08x", r->srr1);
        if (r->vec == VEC_DSI || r->vec == VEC_DTLB || r->vec == VEC_PROGRAM)
            printf(" esr=%08x", r->esr);
        if (r->vec == VEC_DSI || r->vec == VEC_DTLB || r->vec == VEC_ALIGN)
            printf(" dear=%08x", r->dear);
        printf(" cr=%08x xer=%08x ctr=%08x lr=%08x\n", r->cr, r->xer & XER_MASK, r->ctr, r->lr);
        print_gprs(r->gpr, r->lmw_from);
    }
}

/* ---- code generation ---- */
static u32 *cw;
static u32 ncw;
static u32 rng;

static void emit(u32 w) { cw[ncw++] = w; }

static u32 rnd(void)
{
    rng = rng * 1103515245u + 12345u;
    return rng >> 8;
}

/* r5..r27; r28..r31 hold the results of the hand-placed instructions */
static u32 rreg(void) { return 5 + rnd() % 23; }

/* n instructions of arithmetic over r5..r27 that also keep changing CR and XER. */
static void arith(int n)
{
    for (int i = 0; i < n; i++) {
        u32 d = rreg(), a = rreg(), b = rreg(), imm = rnd() & 0xFFFF;
        switch (rnd() % 20) {
        case 0: emit(enc_xo(d, a, b, 0, XO_ADD, 0)); break;
        case 1: emit(enc_xo(d, a, b, 0, XO_SUBF, 0)); break;
        case 2: emit(enc_xo(d, a, b, 0, XO_MULLW, 0)); break;
        case 3: emit(enc_x(a, d, b, 316, 0)); break;                       /* xor */
        case 4: emit(enc_m(21, a, d, imm & 31, (imm >> 5) & 31, (imm >> 10) & 31, 0)); break; /* rlwinm */
        case 5: emit(enc_d(14, d, a, imm)); break;                         /* addi */
        case 6: emit(enc_d(15, d, a, imm)); break;                         /* addis */
        case 7: emit(enc_x(a, d, b, imm & 1 ? 444 : 476, 0)); break;        /* or / nand */
        case 8: emit(enc_x(a, d, b, imm & 1 ? 24 : 792, 0)); break;         /* slw / sraw (CA) */
        case 9: emit(enc_xo(d, a, b, 0, XO_ADDC, 0)); break;               /* CA */
        case 10: emit(enc_xo(d, a, b, 0, XO_ADDE, 0)); break;              /* uses CA */
        case 11: emit(enc_xo(d, a, b, 0, XO_SUBFC, 0)); break;
        case 12: emit(enc_xo(d, a, b, 0, XO_ADD, 1)); break;               /* add. */
        case 13: emit(enc_x(((imm & 7) << 2), a, b, imm & 8 ? 32 : 0, 0)); break; /* cmplw / cmpw crN */
        case 14: emit(enc_x(a, d, imm & 31, 824, 0)); break;               /* srawi (CA) */
        case 15: emit(enc_xo(d, a, b, 1, XO_ADD, imm & 1)); break;         /* addo[.] (OV, SO) */
        case 16: emit(enc_xo(d, a, b, 0, XO_MULHW, 0)); break;
        case 17: emit(enc_x(a, d, 0, 26, 0)); break;                       /* cntlzw */
        case 18: emit(enc_xo(d, a, 0, 0, XO_NEG, 0)); break;
        default: emit(enc_d(28, a, d, imm)); break;                        /* andi. */
        }
    }
}

static void begin(u32 *where, u32 seed)
{
    cw = where;
    ncw = 0;
    rng = seed;
    code_base = (u32)where;
}

/* Appends the return (an absolute branch: xrun_ret lies below 32 MiB). */
static void finish(u32 *where_pa, u32 ea)
{
    emit(0x48000002u | (u32)xrun_ret);
    sync_icache(where_pa, ncw * 4);
    code_base = ea;
}

static void reset_pages(void)
{
    __asm__ volatile("tlbivax 0,%0; isync; msync" : : "r"(0x4u) : "memory");
    for (u32 p = 0; p < NPAGES; p++)
        if (p < PG_CODE)
            for (u32 i = 0; i < 4096; i += 4)
                *(u32 *)&vpages[p][i] = (p << 24) ^ (i * 0x01010101u) ^ 0x5A5A0000u;
}

static struct xstate st;

static void init_state(u32 r3, u32 r4)
{
    for (u32 i = 0; i < 32; i++)
        st.r[i] = (i + 1) * 0x9E3779B9u ^ (i << 27);
    st.r[0] = 0x77;
    st.r[3] = r3;
    st.r[4] = r4;
    st.cr = 0x24682468;
    st.xer = 0;
    st.ctr = 0x100;
    st.lr = 0x0BADC0DE;
}

static void run_case(const char *name, u32 entry)
{
    nlog = 0;
    printf("%s:", name);
    xrun(&st, entry);
    print_log();
    printf(" end cr=%08x xer=%08x ctr=%08x lr=%08x\n", st.cr, st.xer & XER_MASK, st.ctr, st.lr);
    print_gprs(st.r, 0);
    lmw_first = 0;
}

static u32 mem_sum(u32 page)
{
    u32 s = 0;
    for (u32 i = 0; i < 4096; i += 4)
        s = s * 31 + *(u32 *)&vpages[page][i];
    return s;
}

#define LWZ(rt, ra, d) enc_d(32, rt, ra, (u32)(d))
#define LWZU(rt, ra, d) enc_d(33, rt, ra, (u32)(d))
#define STW(rs, ra, d) enc_d(36, rs, ra, (u32)(d))
#define STWU(rs, ra, d) enc_d(37, rs, ra, (u32)(d))
#define LI(rt, v) enc_li(rt, v)
#define SC 0x44000002u
#define ADDI(rt, ra, v) enc_d(14, rt, ra, (u32)(v))

static void std_case(const char *name, u32 seed, int before, u32 fault, int after, u32 r3, u32 r4)
{
    reset_pages();
    begin(xcode, seed);
    arith(before);
    emit(fault);
    arith(after);
    finish(xcode, (u32)xcode);
    init_state(r3, r4);
    run_case(name, (u32)xcode);
}

int main(void)
{
    exc_handlers[VEC_DTLB] = on_tlb_miss;
    exc_handlers[VEC_ITLB] = on_tlb_miss;
    exc_handlers[VEC_DSI] = on_skip;
    exc_handlers[VEC_PROGRAM] = on_skip;
    exc_handlers[VEC_ALIGN] = on_skip;
    exc_handlers[VEC_SC] = on_sc;
    mtspr(SPR_MAS4, 0x00000100); /* TLB miss defaults: TLB0, 4 KiB */
    mtspr(SPR_PID, 0);
    isync();

    u32 p0 = VA + 0x10, ro = VA + PG_RO * 4096 + 0x20;

    /* DTLB miss (load, store, update forms) at the first, a middle and the last instruction. */
    std_case("dtlb load first", 1, 0, LWZ(6, 3, 0), 60, p0, 0);
    std_case("dtlb load middle", 2, 30, LWZ(6, 3, 0), 30, p0, 0);
    std_case("dtlb load last", 3, 60, LWZ(6, 3, 0), 0, p0, 0);
    std_case("dtlb store middle", 4, 30, STW(7, 3, 4), 30, p0, 0);
    std_case("dtlb lwzu middle", 5, 30, LWZU(6, 3, 8), 30, p0, 0);
    printf(" page 0 sum %08x\n", mem_sum(0));
    std_case("dtlb stwu last", 6, 60, STWU(7, 3, -16), 0, p0 + 64, 0);
    printf(" page 0 sum %08x\n", mem_sum(0));

    /* DSI on a read-only page: the store is skipped, rA of stwu is not updated; loads work. */
    std_case("dsi store first", 7, 0, STW(7, 3, 0), 50, ro, 0);
    std_case("dsi stwu middle", 8, 25, STWU(7, 3, 8), 25, ro, 0);
    std_case("dsi store last", 9, 50, STW(8, 3, 0), 0, ro, 0);
    printf(" read-only page sum %08x\n", mem_sum(PG_RO));

    /* Program interrupts: illegal, unconditional trap (handler adds 0x1000 to r0), twi not taken. */
    std_case("illegal first", 10, 0, 0, 40, 0, 0);
    std_case("illegal middle", 11, 20, 0x14000000u, 20, 0, 0); /* unused primary opcode 5 */
    std_case("trap middle", 12, 20, enc_d(3, 31, 5, 0), 20, 0, 0);
    std_case("trap last", 13, 40, enc_x(31, 6, 6, 4, 0), 0, 0, 0);
    std_case("twi not taken", 14, 20, enc_d(3, 4, 5, 0x7FFF), 20, 0, 0); /* tweqi: r5 != 0x7fff */

    /* sc in the middle (r0 = 3 * r0 + 1) and last. */
    std_case("sc middle", 15, 30, SC, 30, 0, 0);
    std_case("sc last", 16, 60, SC, 0, 0, 0);

    /* Misaligned lwarx: alignment interrupt, skipped. */
    std_case("misaligned lwarx middle", 17, 20, enc_x(6, 0, 3, 20, 0), 20, (u32)xcode + 6, 0);

    /* User mode: sc enters it; mfmsr, mtspr SPRG0 and mfspr SPRG1 are privileged; a DTLB miss in user mode; sc back. */
    {
        reset_pages();
        begin(xcode, 18);
        arith(10);
        emit(LI(0, 0x5C01));
        emit(SC);
        arith(10);
        emit(enc_x(7, 0, 0, 83, 0)); /* mfmsr r7 */
        arith(10);
        emit(ENC_MTSPR(SPR_SPRG0, 8));
        emit(LWZ(9, 3, 0));
        emit(ENC_MFSPR(10, SPR_SPRG1));
        arith(10);
        emit(LI(0, 0x5C00));
        emit(SC);
        emit(enc_x(11, 0, 0, 83, 0)); /* mfmsr r11: supervisor again */
        finish(xcode, (u32)xcode);
        init_state(p0, 0);
        run_case("user mode", (u32)xcode);
    }

    /* lwarx that misses in the TLB, then a successful stwcx. further down. */
    {
        reset_pages();
        begin(xcode, 19);
        arith(15);
        emit(enc_x(29, 0, 3, 20, 0)); /* lwarx r29,0,r3 */
        arith(15);
        emit(enc_x(7, 0, 3, 150, 1)); /* stwcx. r7,0,r3 */
        emit(enc_x(28, 0, 0, 19, 0)); /* mfcr r28 */
        arith(15);
        finish(xcode, (u32)xcode);
        init_state(VA + 5 * 4096 + 0x40, 0);
        run_case("lwarx dtlb then stwcx.", (u32)xcode);
        printf(" word %08x\n", *(u32 *)&vpages[5][0x40]);
    }
    /* lwarx from a read-only page (TLB miss first), stwcx. to it: DSI, CR0 keeps its old value. */
    {
        reset_pages();
        begin(xcode, 20);
        emit(enc_x(6, 0, 3, 20, 0));
        arith(10);
        emit(enc_x(0, 0, 5, 0, 0));   /* cmpw cr0,r0,r5 */
        emit(enc_x(7, 0, 3, 150, 1)); /* stwcx. r7,0,r3 */
        emit(enc_x(28, 0, 0, 19, 0)); /* mfcr r28 */
        arith(10);
        finish(xcode, (u32)xcode);
        init_state(ro, 0);
        run_case("stwcx. read-only", (u32)xcode);
        printf(" word %08x\n", *(u32 *)&vpages[PG_RO][0x20]);
    }

    /* lmw / stmw running from a mapped page into an unmapped one. */
    {
        reset_pages();
        begin(xcode, 21);
        emit(LWZ(5, 3, 0));                 /* maps page 1 */
        arith(10);
        emit(enc_d(46, 24, 3, 4096 - 0x30 - 12)); /* lmw r24: 3 words on page 1, 5 on page 2 */
        arith(10);
        finish(xcode, (u32)xcode);
        init_state(VA + 4096 + 0x30, 0);
        lmw_first = 24;
        run_case("lmw into unmapped page", (u32)xcode);
    }
    {
        reset_pages();
        begin(xcode, 22);
        emit(LWZ(5, 3, 0));
        arith(10);
        emit(enc_d(47, 20, 3, 4096 - 0x30 - 20)); /* stmw r20: 5 words on page 1, 7 on page 2 */
        arith(10);
        finish(xcode, (u32)xcode);
        init_state(VA + 4096 + 0x30, 0);
        run_case("stmw into unmapped page", (u32)xcode);
        printf(" page 1 sum %08x page 2 sum %08x\n", mem_sum(1), mem_sum(2));
    }

    /* Loops: lwzu walking 64 bytes per iteration from page 2 into page 3 (misses in iterations 1 and 41);
     * a twi that traps in iteration 37 only; andi./tweqi trapping every 16th iteration. */
    {
        reset_pages();
        begin(xcode, 23);
        emit(LI(28, 0));
        emit(LI(29, 0));
        u32 top = ncw;
        emit(LWZU(30, 3, 64));
        emit(enc_xo(29, 29, 30, 0, XO_ADD, 0));
        emit(ADDI(28, 28, 1));
        emit(enc_bc(16, 0, (s32)(top - ncw) * 4, 0, 0)); /* bdnz */
        arith(20);
        finish(xcode, (u32)xcode);
        init_state(VA + 2 * 4096 + 4096 - 41 * 64, 0);
        st.ctr = 60;
        run_case("loop lwzu across pages", (u32)xcode);
    }
    {
        reset_pages();
        begin(xcode, 24);
        emit(LI(28, 0));
        u32 top = ncw;
        emit(ADDI(28, 28, 1));
        emit(enc_xo(29, 29, 28, 0, XO_ADDC, 0));
        emit(enc_d(3, 4, 28, 37));         /* tweqi r28,37 */
        emit(enc_xo(30, 30, 29, 0, XO_ADDE, 0));
        emit(enc_bc(16, 0, (s32)(top - ncw) * 4, 0, 0));
        arith(10);
        finish(xcode, (u32)xcode);
        init_state(0, 0);
        st.ctr = 100;
        run_case("loop trap in iteration 37", (u32)xcode);
    }
    {
        reset_pages();
        begin(xcode, 25);
        emit(LI(28, 0));
        u32 top = ncw;
        emit(ADDI(28, 28, 1));
        emit(enc_d(28, 28, 29, 15));         /* andi. r29,r28,15 */
        emit(enc_xo(30, 30, 28, 0, XO_ADD, 0));
        emit(enc_d(3, 4, 29, 0));            /* tweqi r29,0 */
        emit(enc_bc(16, 0, (s32)(top - ncw) * 4, 0, 0));
        finish(xcode, (u32)xcode);
        init_state(0, 0);
        st.ctr = 100;
        run_case("loop trap every 16th iteration", (u32)xcode);
    }

    /* CR and XER must be exact at the fault: add., addc, addo., cmpw right before it. */
    {
        reset_pages();
        begin(xcode, 26);
        arith(10);
        emit(LI(9, -5));
        emit(enc_xo(10, 9, 9, 0, XO_ADD, 1));     /* add. r10 = -10: CR0 LT */
        emit(LWZ(6, 3, 0));                        /* DTLB miss */
        emit(enc_x(11, 0, 0, 19, 0));              /* mfcr r11 */
        emit(LI(12, -1));
        emit(enc_xo(13, 12, 12, 0, XO_ADDC, 0));   /* addc: CA = 1 */
        emit(0);                                   /* illegal */
        emit(enc_xo(14, 9, 9, 0, XO_ADDE, 0));     /* adde consumes CA */
        emit(enc_x(3 << 2, 9, 12, 0, 0));          /* cmpw cr3,r9,r12: LT */
        emit(STW(7, 4, 0));                        /* DSI: r4 is read-only */
        emit(enc_bc(12, 12, 8, 0, 0));             /* blt cr3,+8 */
        emit(LI(15, 1));                           /* skipped */
        emit(enc_d(15, 16, 0, 0x7FFF));            /* lis r16,0x7fff */
        emit(enc_xo(17, 16, 16, 1, XO_ADD, 1));    /* addo.: OV, SO, CR0[SO] */
        emit(SC);
        emit(enc_x(18, 0, 0, 19, 0));              /* mfcr r18 */
        emit(ENC_MFSPR(19, SPR_XER));
        emit(enc_d(8, 20, 9, 3));                  /* subfic r20 = 3 - (-5): CA */
        emit(enc_d(3, 31, 0, 0));                  /* trap */
        emit(enc_xo(21, 20, 20, 0, XO_ADDE, 0));
        finish(xcode, (u32)xcode);
        init_state(p0, ro);
        run_case("cr/xer at the fault", (u32)xcode);
    }

    /* Code that starts on an unmapped page (ITLB miss on its first instruction) and runs into the next
     * unmapped page (ITLB miss in the middle of the run). */
    {
        reset_pages();
        u32 start_off = 4096 - 4 * 25;
        u32 *pa = (u32 *)(vpages[PG_CODE] + start_off);
        begin(pa, 27);
        arith(25);
        emit(LWZ(6, 3, 0));
        arith(25);
        finish(pa, VA + PG_CODE * 4096 + start_off);
        init_state(p0, 0);
        run_case("itlb first and across pages", VA + PG_CODE * 4096 + start_off);
    }
    return 0;
}
