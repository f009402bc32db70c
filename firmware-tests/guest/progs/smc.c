/*
 * Self-modifying code, the way a binary translator's code cache gets it wrong: (a) a hot loop calling
 * a function in RAM whose immediate, opcode or branch target is rewritten before every call; (b) a
 * buffer that gets one routine, runs it, is overwritten by a routine of another shape and runs again;
 * (c) code that patches instructions later in the block it is executing, and a loop that patches its
 * own body every iteration; (d) code that shares its 4 KiB page (and one cache line) with data that is
 * written all the time; (e) code reached through two virtual addresses and patched through either,
 * and a virtual page remapped between two physical pages of different code. Every patch is followed by dcbst; sync; icbi; isync as Book E requires, so
 * the instructions that run are always the new ones. Each line prints a checksum of the results and
 * whether it equals the value computed in C (ok=1).
 */
#include "enc.h"

#define BLR 0x4E800020u
#define ADDI(rt, ra, v) enc_d(14, rt, ra, (u32)(v))
#define XORI(ra, rs, v) enc_d(26, rs, ra, (u32)(v))
#define ORI(ra, rs, v) enc_d(24, rs, ra, (u32)(v))
#define MULLI(rt, ra, v) enc_d(7, rt, ra, (u32)(v))
#define ADD(rt, ra, rb) enc_xo(rt, ra, rb, 0, XO_ADD, 0)
#define SUBF(rt, ra, rb) enc_xo(rt, ra, rb, 0, XO_SUBF, 0)
#define MULLW(rt, ra, rb) enc_xo(rt, ra, rb, 0, XO_MULLW, 0)
#define MR(ra, rs) enc_x(rs, ra, rs, 444, 0)
#define MTCTR(rs) ENC_MTSPR(SPR_CTR, rs)
#define MFCTR(rt) ENC_MFSPR(rt, SPR_CTR)
#define BDNZ(disp) enc_bc(16, 0, disp, 0, 0)
#define B(disp) enc_b(disp, 0, 0)

typedef u32 (*fn1)(u32);

static u32 fnbuf[16] __attribute__((aligned(32)));
static u32 rbuf[64] __attribute__((aligned(32)));
static u32 mixpage[1024] __attribute__((aligned(4096)));

static void patch(u32 *at, u32 word)
{
    *at = word;
    __asm__ volatile("dcbst 0,%0; sync; icbi 0,%0; sync; isync" : : "r"(at) : "memory");
}

static void line(const char *what, u32 got, u32 want)
{
    printf("%s: %08x ok=%d\n", what, got, got == want);
}

/* (a) li r3,N; blr with N rewritten before each call. */
static void hot_immediate(void)
{
    fnbuf[0] = enc_li(3, 0);
    fnbuf[1] = BLR;
    sync_icache(fnbuf, 8);
    u32 sum = 0, want = 0;
    for (u32 i = 0; i < 100000; i++) {
        u32 n = (i * 2654435761u) >> 17; /* 15 bits, positive */
        patch(&fnbuf[0], enc_li(3, (s32)n));
        sum = sum * 31 + ((fn1)fnbuf)(i);
        want = want * 31 + n;
    }
    line("a1 li immediate patched 100000 times", sum, want);
}

/* (a) the opcode of the first instruction changes between addi, xori, mulli, subf and add. */
static void hot_opcode(void)
{
    fnbuf[0] = ADDI(3, 3, 0);
    fnbuf[1] = ADDI(3, 3, 1);
    fnbuf[2] = BLR;
    sync_icache(fnbuf, 12);
    u32 sum = 0, want = 0, ran[5] = { 0 };
    for (u32 i = 0; i < 50000; i++) {
        u32 k = (i * 7 + (i >> 3)) % 5, imm = i & 0x3FFF, arg = i * 0x9E3779B9u, r;
        switch (k) {
        case 0: patch(&fnbuf[0], ADDI(3, 3, imm)); r = arg + imm; break;
        case 1: patch(&fnbuf[0], XORI(3, 3, imm)); r = arg ^ imm; break;
        case 2: patch(&fnbuf[0], MULLI(3, 3, imm)); r = arg * imm; break;
        case 3: patch(&fnbuf[0], SUBF(3, 3, 3)); r = 0; break;
        default: patch(&fnbuf[0], ADD(3, 3, 3)); r = arg + arg; break;
        }
        u32 got = ((fn1)fnbuf)(arg);
        if (got == r + 1)
            ran[k]++;
        sum = sum * 33 + got;
        want = want * 33 + r + 1;
    }
    line("a2 opcode patched 50000 times", sum, want);
    printf("a2 versions ran: addi=%d xori=%d mulli=%d subf=%d add=%d\n", ran[0], ran[1], ran[2], ran[3], ran[4]);
}

/* (a) a direct branch whose target is rewritten: b to one of four tails. */
static void hot_branch(void)
{
    fnbuf[0] = B(4);
    fnbuf[1] = ADDI(3, 3, 100); fnbuf[2] = BLR;
    fnbuf[3] = ADDI(3, 3, 200); fnbuf[4] = BLR;
    fnbuf[5] = ADDI(3, 3, 300); fnbuf[6] = BLR;
    fnbuf[7] = ADDI(3, 3, 400); fnbuf[8] = BLR;
    sync_icache(fnbuf, 36);
    u32 sum = 0, want = 0, ran[4] = { 0 };
    for (u32 i = 0; i < 40000; i++) {
        u32 t = (i ^ (i >> 2)) & 3;
        patch(&fnbuf[0], B(4 + 8 * (s32)t));
        u32 got = ((fn1)fnbuf)(i);
        if (got == i + 100 * (t + 1))
            ran[t]++;
        sum += got * (i | 1);
        want += (i + 100 * (t + 1)) * (i | 1);
    }
    line("a3 branch target patched 40000 times", sum, want);
    printf("a3 tails taken: %d %d %d %d\n", ran[0], ran[1], ran[2], ran[3]);
}

/* (a) several patches between two calls: only the last one counts. */
static void multi_patch(void)
{
    fnbuf[0] = enc_li(3, 1);
    fnbuf[1] = BLR;
    sync_icache(fnbuf, 8);
    u32 r1 = ((fn1)fnbuf)(0);
    for (int k = 2; k <= 9; k++)
        patch(&fnbuf[0], enc_li(3, k));
    u32 r2 = ((fn1)fnbuf)(0);
    /* Patch the return into a fall-through, then back. */
    patch(&fnbuf[1], ADDI(3, 3, 0x10));
    fnbuf[2] = BLR;
    sync_icache(&fnbuf[2], 4);
    u32 r3 = ((fn1)fnbuf)(0);
    patch(&fnbuf[1], BLR);
    u32 r4 = ((fn1)fnbuf)(0);
    printf("a4 last patch wins: %d %d %x %d\n", r1, r2, r3, r4);
}

/* (b) one buffer, three routines of different shapes, run in turn: r3*r3+1; the sum of 1..r3 with a
 * ctr loop; 3^r3 mod 2^32 with a loop entered by a branch into its middle. */
#define ROUTINES \
    const u32 rt_square[] = { MULLW(3, 3, 3), ADDI(3, 3, 1), BLR }; \
    const u32 rt_sum[] = { MTCTR(3), enc_li(4, 0), MFCTR(5), ADD(4, 4, 5), BDNZ(-8), MR(3, 4), BLR }; \
    const u32 rt_pow[] = { MTCTR(3), enc_li(4, 1), B(8), enc_li(4, 0x7777), MULLI(4, 4, 3), BDNZ(-4), MR(3, 4), BLR };

static void load_routine(const u32 *w, u32 n)
{
    for (u32 i = 0; i < n; i++)
        rbuf[i] = w[i];
    for (u32 i = n; i < 16; i++)
        rbuf[i] = 0; /* leftovers of the previous routine would be illegal instructions */
    sync_icache(rbuf, 64);
}

static void swap_routines(void)
{
    ROUTINES
    u32 sum = 0, want = 0;
    for (u32 i = 1; i <= 300; i++) {
        u32 k = i % 3, n = i % 23 + 1, got, r;
        if (k == 0) {
            load_routine(rt_square, 3);
            r = n * n + 1;
        } else if (k == 1) {
            load_routine(rt_sum, 7);
            r = n * (n + 1) / 2;
        } else {
            load_routine(rt_pow, 8);
            r = 1;
            for (u32 j = 0; j < n; j++)
                r *= 3;
        }
        got = ((fn1)rbuf)(n);
        if (i <= 6)
            printf("b routine %d on %d: %d ok=%d\n", k, n, got, got == r);
        sum = sum * 131 + got;
        want = want * 131 + r;
    }
    line("b 300 routine swaps", sum, want);
}

/*
 * (c) Patching the same block. smc_same_block(w1, w2) stores w1 and w2 over the two instructions
 * after its isync and runs them; they originally set r3 = 1 and r3 += 2.
 * smc_loop(n) runs a loop whose body instruction is rewritten every iteration: addi r5,r5,i on odd
 * iterations, xori r5,r5,i on even ones (i taken mod 2^15).
 * smc_far(w) patches an instruction eight instructions further down the same straight-line run.
 */
u32 smc_same_block(u32 w1, u32 w2);
u32 smc_loop(u32 n);
u32 smc_far(u32 w);
__asm__(
    "    .text\n"
    "    .balign 32\n"
    "    .globl smc_same_block\n"
    "smc_same_block:\n"
    "    lis r5, 1f@ha\n"
    "    addi r5, r5, 1f@l\n"
    "    stw r3, 0(r5)\n"
    "    stw r4, 4(r5)\n"
    "    dcbst 0, r5\n"
    "    sync\n"
    "    icbi 0, r5\n"
    "    isync\n"
    "1:  li r3, 1\n"
    "    addi r3, r3, 2\n"
    "    blr\n"
    "\n"
    "    .balign 32\n"
    "    .globl smc_loop\n"
    "smc_loop:\n"
    "    mtctr r3\n"
    "    li r5, 0\n"
    "    li r7, 0\n"
    "    lis r4, 2f@ha\n"
    "    addi r4, r4, 2f@l\n"
    "    lis r9, 0x38a5\n"     /* addi r5,r5,0 */
    "    lis r10, 0x68a5\n"    /* xori r5,r5,0 */
    "1:  andi. r0, r7, 1\n"
    "    rlwinm r11, r7, 0, 17, 31\n"
    "    or r8, r10, r11\n"
    "    beq 3f\n"
    "    or r8, r9, r11\n"
    "3:  stw r8, 0(r4)\n"
    "    dcbst 0, r4\n"
    "    sync\n"
    "    icbi 0, r4\n"
    "    isync\n"
    "2:  nop\n"
    "    addi r7, r7, 1\n"
    "    bdnz 1b\n"
    "    mr r3, r5\n"
    "    blr\n"
    "\n"
    "    .balign 32\n"
    "    .globl smc_far\n"
    "smc_far:\n"
    "    lis r5, 1f@ha\n"
    "    addi r5, r5, 1f@l\n"
    "    li r6, 10\n"
    "    stw r3, 0(r5)\n"
    "    dcbst 0, r5\n"
    "    sync\n"
    "    icbi 0, r5\n"
    "    isync\n"
    "    addi r6, r6, 1\n"
    "    mulli r6, r6, 3\n"
    "    addi r6, r6, 1\n"
    "    mulli r6, r6, 3\n"
    "    addi r6, r6, 1\n"
    "    mulli r6, r6, 3\n"
    "    addi r6, r6, 1\n"
    "    mulli r6, r6, 3\n"
    "1:  addi r6, r6, 7\n"
    "    mr r3, r6\n"
    "    blr\n");

static u32 smc_loop_want(u32 n)
{
    u32 r5 = 0;
    for (u32 i = 0; i < n; i++)
        r5 = (i & 1) ? r5 + (i & 0x7FFF) : r5 ^ (i & 0x7FFF);
    return r5;
}

static void same_block(void)
{
    u32 a = smc_same_block(enc_li(3, 1), ADDI(3, 3, 2));
    u32 b = smc_same_block(enc_li(3, 40), ADDI(3, 3, 2));
    u32 c = smc_same_block(enc_li(3, 40), MULLI(3, 3, 5));
    u32 d = smc_same_block(enc_li(3, 1), ADDI(3, 3, 2));
    printf("c1 patch next instructions: %d %d %d %d\n", a, b, c, d);
    u32 sum = 0, want = 0;
    for (u32 i = 0; i < 20000; i++) {
        u32 v = i & 0x7FFF, w = (i * 13) & 0x3FFF;
        sum = sum * 17 + smc_same_block(enc_li(3, (s32)v), (i & 1) ? XORI(3, 3, w) : ADDI(3, 3, w));
        want = want * 17 + ((i & 1) ? (v ^ w) : v + w);
    }
    line("c2 patch next instructions 20000 times", sum, want);
    u32 l = smc_loop(1000);
    line("c3 loop patching its own body, 1000 iterations", l, smc_loop_want(1000));
    u32 m = smc_loop(100000);
    line("c4 loop patching its own body, 100000 iterations", m, smc_loop_want(100000));
    /* r6 is 930 when the patched instruction runs */
    u32 f1 = smc_far(ADDI(6, 6, 7)), f2 = smc_far(MULLI(6, 6, -1)), f3 = smc_far(ORI(6, 6, 0xF000));
    printf("c5 patch 8 instructions ahead: %d %d %x\n", f1, f2, f3);
}

/*
 * (d) Code in the first cache line of a page whose other words are data written on every iteration,
 * some of them in the same 32-byte line as the code.
 */
static void shared_page(void)
{
    u32 *code = mixpage;
    code[0] = ADDI(3, 3, 1);
    code[1] = ADDI(3, 3, 2);
    code[2] = BLR;
    sync_icache(code, 12);
    u32 sum = 0, want = 0, version = 0, calls[4] = { 0 };
    for (u32 i = 0; i < 200000; i++) {
        mixpage[4 + (i & 3)] = i;             /* same cache line as the code */
        mixpage[512 + (i & 255)] += i;        /* same page */
        mixpage[1023] = mixpage[1023] * 3 + i;
        if (i % 1000 == 999) {
            version = (version + 1) & 3;
            patch(&code[1], ADDI(3, 3, 2 + (s32)version * 1000));
        }
        u32 got = ((fn1)code)(i);
        if (got == i + 3 + version * 1000)
            calls[version]++;
        sum = sum * 7 + got;
        want = want * 7 + i + 3 + version * 1000;
    }
    u32 data = 0;
    for (u32 i = 3; i < 1024; i++)
        data = data * 31 + mixpage[i];
    line("d code and data on one page, 200000 calls", sum, want);
    printf("d calls per version: %d %d %d %d data=%08x\n", calls[0], calls[1], calls[2], calls[3], data);
    /* A data store into the word after blr must not change what runs. */
    code[3] = 0;
    u32 r = ((fn1)code)(5);
    printf("d store after blr: %d\n", r);
}

/*
 * (e) Virtual aliases and remapping: a page of code reached through EA 0x20000000 (TLB1 entry 2,
 * 4 KiB) as well as through its own address. Patched through one address, run through the other;
 * then the alias is pointed at a different physical page holding other code: the same EA must now
 * run the new page.
 */
#define ALIAS 0x20000000u
static u32 codepg[2][1024] __attribute__((aligned(4096)));

static void map_alias(u32 pa)
{
    mtspr(SPR_MAS0, 0x10020000);          /* TLB1, entry 2 */
    mtspr(SPR_MAS1, 0x80000100);          /* valid, TID 0, 4 KiB */
    mtspr(SPR_MAS2, ALIAS);
    mtspr(SPR_MAS3, pa | 0x3F);
    mtspr(SPR_MAS7, 0);
    __asm__ volatile("isync; tlbwe; isync" : : : "memory");
}

static void aliases(void)
{
    for (int p = 0; p < 2; p++) {
        codepg[p][0] = ADDI(3, 3, 1000 * (p + 1));
        codepg[p][1] = BLR;
        sync_icache(codepg[p], 8);
    }
    map_alias((u32)codepg[0]);
    fn1 via_alias = (fn1)ALIAS, direct = (fn1)codepg[0];
    printf("e1 alias and direct: %d %d\n", via_alias(1), direct(2));
    u32 sum = 0, want = 0;
    for (u32 i = 0; i < 20000; i++) {
        u32 v = i & 0x7FFF;
        if (i & 1)
            patch(&codepg[0][0], ADDI(3, 3, v));                   /* write the real address */
        else
            patch((u32 *)ALIAS, ADDI(3, 3, v));                     /* write through the alias */
        u32 got = (i & 2) ? via_alias(i) : direct(i);
        sum = sum * 5 + got;
        want = want * 5 + i + v;
    }
    line("e2 patched through one address, run through the other, 20000 times", sum, want);
    patch(&codepg[0][0], ADDI(3, 3, 1000));
    sum = want = 0;
    for (u32 i = 0; i < 10000; i++) {
        u32 p = (i ^ (i >> 3)) & 1;
        map_alias((u32)codepg[p]);
        u32 got = via_alias(i);
        sum = sum * 7 + got;
        want = want * 7 + i + (p ? 2000 : 1000);
    }
    line("e3 alias remapped between two physical pages 10000 times", sum, want);
    /* Both pages with the same first instruction but different second ones. */
    codepg[0][0] = codepg[1][0] = ADDI(3, 3, 5);
    codepg[0][1] = BLR;
    codepg[1][1] = MULLI(3, 3, 3);
    codepg[1][2] = BLR;
    sync_icache(codepg[0], 12);
    sync_icache(codepg[1], 12);
    map_alias((u32)codepg[0]);
    u32 a = via_alias(10);
    map_alias((u32)codepg[1]);
    u32 b = via_alias(10);
    map_alias((u32)codepg[0]);
    u32 c = via_alias(10);
    printf("e4 same first instruction, different pages: %d %d %d\n", a, b, c);
    mtspr(SPR_MAS0, 0x10020000);
    mtspr(SPR_MAS1, 0);
    __asm__ volatile("isync; tlbwe; isync" : : : "memory");
}

int main(void)
{
    hot_immediate();
    hot_opcode();
    hot_branch();
    multi_patch();
    swap_routines();
    same_block();
    shared_page();
    aliases();
    return 0;
}
