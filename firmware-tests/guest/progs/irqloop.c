/*
 * Asynchronous interrupts landing in long tight loops: the decrementer (auto-reload every 10000
 * time-base ticks, 25 us), the MPIC global timer 0 (every 700 ticks of 25 MHz, 28 us) as an external
 * interrupt, and both at once, while the CPU runs millions of iterations of
 *   1. a single-block loop (addi; addi; add; bdnz),
 *   2. a loop of several blocks with a CR-dependent branch, a load/store and cmplw/blt,
 *   3. a loop that calls a function (bl/blr inside a bdnz loop).
 * MSR[EE] is set only inside the loop routines. The handler counts interrupts, checks that SRR0 lies
 * inside the routine and that SRR1 has EE set, checks the loop invariants of loop 1 against SRR0
 * (r5 = iterations begun, r6 = 3 * r5, r7 = 1 + ... + r5, CTR = n - r5, exact at each of the four
 * instructions), and adds 1 to r8 in the interrupted context, so r8 at the end must equal the number
 * of interrupts the handler saw. Only timing-independent facts are printed: loop results, violations
 * (0), r8 == count, and that at least 50 interrupts of each source came, running a loop again (up to
 * 200 times, every run must give the same results) until they have (QEMU runs in real time, Partita here in
 * deterministic time: the instruction an interrupt lands on differs).
 */
#include "enc.h"

#define CCSR 0xFE000000u
#define MPIC (CCSR + 0x40000u)
#define MPIC_GCR (MPIC + 0x1020u)
#define MPIC_SPVR (MPIC + 0x10E0u)
#define MPIC_GTBCR0 (MPIC + 0x1110u)
#define MPIC_GTVPR0 (MPIC + 0x1120u)
#define MPIC_GTDR0 (MPIC + 0x1130u)
#define MPIC_CTPR (MPIC + 0x20080u)
#define MPIC_IACK (MPIC + 0x200A0u)
#define MPIC_EOI (MPIC + 0x200B0u)
#define TIMER_VECTOR 0x42
#define SPURIOUS_VECTOR 0xFF
#define GT_PERIOD 700u
#define DEC_PERIOD 10000u
#define MIN_INTERRUPTS 50u
#define MAX_REPS 200

static inline void wr32(u32 a, u32 v) { *(volatile u32 *)a = v; __asm__ volatile("sync" : : : "memory"); }
static inline u32 rd32(u32 a) { return *(volatile u32 *)a; }

u32 hist[64];
void irq_loop1(u32 n, u32 *res);
void irq_loop2(u32 n, u32 *res);
void irq_loop3(u32 n, u32 *res);
extern char loop1_start[], loop1_top[], loop1_end[];
extern char loop2_start[], loop2_end[];
extern char loop3_start[], loop3_end[];
__asm__(
    "    .text\n"
    "    .globl irq_loop1\n"
    "irq_loop1:\n"
    "    li r8, 0\n"
    "    mtctr r3\n"
    "    li r5, 0\n"
    "    li r6, 0\n"
    "    li r7, 0\n"
    "    .globl loop1_start\n"
    "loop1_start:\n"
    "    wrteei 1\n"
    "    .globl loop1_top\n"
    "loop1_top:\n"
    "    addi r5, r5, 1\n"
    "    addi r6, r6, 3\n"
    "    add r7, r7, r5\n"
    "    bdnz loop1_top\n"
    "    wrteei 0\n"
    "    .globl loop1_end\n"
    "loop1_end:\n"
    "    stw r5, 0(r4)\n"
    "    stw r6, 4(r4)\n"
    "    stw r7, 8(r4)\n"
    "    stw r8, 12(r4)\n"
    "    mfctr r0\n"
    "    stw r0, 16(r4)\n"
    "    blr\n"
    "\n"
    "    .globl irq_loop2\n"
    "irq_loop2:\n"
    "    lis r10, hist@ha\n"
    "    addi r10, r10, hist@l\n"
    "    li r8, 0\n"
    "    li r5, 0\n"
    "    li r6, 0\n"
    "    li r7, 0\n"
    "    .globl loop2_start\n"
    "loop2_start:\n"
    "    wrteei 1\n"
    "1:  andi. r9, r5, 1\n"
    "    beq 2f\n"
    "    add r7, r7, r5\n"
    "    b 3f\n"
    "2:  subf r7, r5, r7\n"
    "    xori r7, r7, 0x55\n"
    "    addi r6, r6, 1\n"
    "3:  rlwinm r11, r5, 2, 24, 29\n"
    "    lwzx r12, r10, r11\n"
    "    add r12, r12, r5\n"
    "    stwx r12, r10, r11\n"
    "    addi r5, r5, 1\n"
    "    cmplw cr1, r5, r3\n"
    "    blt cr1, 1b\n"
    "    wrteei 0\n"
    "    .globl loop2_end\n"
    "loop2_end:\n"
    "    stw r5, 0(r4)\n"
    "    stw r6, 4(r4)\n"
    "    stw r7, 8(r4)\n"
    "    stw r8, 12(r4)\n"
    "    mfcr r0\n"
    "    stw r0, 16(r4)\n"
    "    blr\n"
    "\n"
    "    .globl irq_loop3\n"
    "irq_loop3:\n"
    "    stwu r1, -16(r1)\n"
    "    mflr r0\n"
    "    stw r0, 20(r1)\n"
    "    li r8, 0\n"
    "    mtctr r3\n"
    "    li r5, 0\n"
    "    li r6, 0\n"
    "    li r7, 0\n"
    "    .globl loop3_start\n"
    "loop3_start:\n"
    "    wrteei 1\n"
    "1:  bl 2f\n"
    "    add r7, r7, r3\n"
    "    addi r6, r6, 2\n"
    "    bdnz 1b\n"
    "    wrteei 0\n"
    "    b 3f\n"
    "2:  mullw r3, r5, r5\n"
    "    addi r5, r5, 1\n"
    "    xor r3, r3, r5\n"
    "    blr\n"
    "    .globl loop3_end\n"
    "loop3_end:\n"
    "3:  stw r5, 0(r4)\n"
    "    stw r6, 4(r4)\n"
    "    stw r7, 8(r4)\n"
    "    stw r8, 12(r4)\n"
    "    mflr r0\n"
    "    stw r0, 16(r4)\n"
    "    lwz r0, 20(r1)\n"
    "    mtlr r0\n"
    "    addi r1, r1, 16\n"
    "    blr\n");

static volatile u32 ndec, nmpic, nspurious, noutside, nnoee, nbad, ninloop;
static u32 range_lo, range_hi, loop_n, check_loop1;

/* Loop 1 state must be exact at whichever of its four instructions SRR0 points to. */
static u32 tri(u32 j) { return (j & 1) ? j * ((j + 1) / 2) : (j / 2) * (j + 1); } /* 1 + ... + j mod 2^32 */

static int loop1_ok(struct frame *f)
{
    u32 j = f->gpr[5], r6 = f->gpr[6], r7 = f->gpr[7], ctr = f->ctr;
    switch (f->srr0 - (u32)loop1_top) {
    case 0: return r6 == 3 * j && r7 == tri(j) && ctr == loop_n - j;
    case 4: return j >= 1 && r6 == 3 * (j - 1) && r7 == tri(j - 1) && ctr == loop_n - j + 1;
    case 8: return j >= 1 && r6 == 3 * j && r7 == tri(j - 1) && ctr == loop_n - j + 1;
    case 12: return j >= 1 && r6 == 3 * j && r7 == tri(j) && ctr == loop_n - j + 1;
    default: return 1; /* before the first or after the last iteration */
    }
}

static void account(struct frame *f)
{
    if (f->srr0 < range_lo || f->srr0 >= range_hi) {
        noutside++;
        return;
    }
    if (!(f->srr1 & MSR_EE))
        nnoee++;
    if (check_loop1 && !loop1_ok(f))
        nbad++;
    if (check_loop1 && f->srr0 >= (u32)loop1_top && f->srr0 < (u32)loop1_top + 16)
        ninloop++;
    f->gpr[8]++;
}

static void on_dec(struct frame *f)
{
    mtspr(SPR_TSR, TSR_DIS);
    ndec++;
    account(f);
}

static void on_external(struct frame *f)
{
    u32 v = rd32(MPIC_IACK) & 0xFFFF;
    if (v == SPURIOUS_VECTOR) {
        nspurious++;
        return;
    }
    if (v == TIMER_VECTOR)
        nmpic++;
    else
        printf("unexpected vector %x\n", v);
    account(f);
    wr32(MPIC_EOI, 0);
}

static void dec_on(int on)
{
    if (on) {
        /* ARE before DEC: an expiry between these writes (QEMU's vCPU thread can be preempted for
         * longer than a period) must still reload, or the decrementer would stop for good. */
        mtspr(SPR_DECAR, DEC_PERIOD);
        mtspr(SPR_TCR, TCR_ARE);
        mtspr(SPR_DEC, DEC_PERIOD);
        mtspr(SPR_TSR, TSR_DIS);
        mtspr(SPR_TCR, TCR_DIE | TCR_ARE);
    } else {
        /* DEC is left counting: writing a value below 3 makes QEMU 7.2 raise the interrupt line
         * directly, bypassing TSR[DIS] and TCR[DIE]. */
        mtspr(SPR_TCR, 0);
        mtspr(SPR_TSR, TSR_DIS);
    }
}

static void mpic_timer_on(int on)
{
    if (on) {
        wr32(MPIC_GTDR0, 1);                              /* to CPU 0 */
        wr32(MPIC_GTVPR0, (8u << 16) | TIMER_VECTOR);     /* priority 8, unmasked */
        wr32(MPIC_CTPR, 0);
        wr32(MPIC_GTBCR0, 0x80000000u);                   /* inhibit, then start from the base count */
        wr32(MPIC_GTBCR0, GT_PERIOD);
    } else {
        wr32(MPIC_GTBCR0, 0x80000000u | GT_PERIOD);
        wr32(MPIC_GTVPR0, 0x80000000u | (8u << 16) | TIMER_VECTOR);
        /* Acknowledge whatever is still pending with EE off. */
        for (int i = 0; i < 4; i++) {
            u32 v = rd32(MPIC_IACK) & 0xFFFF;
            if (v == SPURIOUS_VECTOR)
                break;
            wr32(MPIC_EOI, 0);
        }
    }
}

static void begin(char *lo, char *hi, u32 n, int check)
{
    ndec = nmpic = noutside = nnoee = nbad = ninloop = 0;
    range_lo = (u32)lo;
    range_hi = (u32)hi;
    loop_n = n;
    check_loop1 = check;
}

static int enough(int dec, int mpic)
{
    return (!dec || ndec >= MIN_INTERRUPTS) && (!mpic || nmpic >= MIN_INTERRUPTS);
}

static void report(int dec, int mpic, u32 r8sum)
{
    printf("  interrupts: enough=%d r8==count:%d outside=%d ee-clear=%d", enough(dec, mpic), r8sum == ndec + nmpic,
           noutside, nnoee);
    if (check_loop1)
        printf(" bad-state=%d some-in-body=%d", nbad, ninloop > 0);
    printf("\n");
}

typedef void (*loop_fn)(u32 n, u32 *res);

/*
 * Runs the loop until at least MIN_INTERRUPTS of each enabled source came (at most MAX_REPS times;
 * Partita needs one run, QEMU on a busy host may need more). Every run must give the same results;
 * returns the first run's in res and whether all runs agreed, adds up r8 in *r8sum.
 */
static u32 hist_sum(void)
{
    u32 h = 0;
    for (int i = 0; i < 64; i++) {
        h = h * 31 + hist[i];
        hist[i] = 0;
    }
    return h;
}

static u32 hist_first;

static int repeat(loop_fn fn, u32 n, u32 *res, int dec, int mpic, u32 *r8sum)
{
    u32 again[5];
    int same = 1;
    *r8sum = 0;
    dec_on(dec);
    mpic_timer_on(mpic);
    for (int rep = 0; rep < MAX_REPS; rep++) {
        if (rep == 0) {
            hist_sum();
            fn(n, res);
            *r8sum += res[3];
            hist_first = hist_sum();
        } else {
            fn(n, again);
            *r8sum += again[3];
            same &= hist_sum() == hist_first;
            for (int i = 0; i < 5; i++)
                if (i != 3 && (fn != irq_loop2 || i != 4))
                    same &= again[i] == res[i];
        }
        if (enough(dec, mpic))
            break;
    }
    dec_on(0);
    mpic_timer_on(0);
    return same;
}

static void run_all(const char *src, int dec, int mpic)
{
    u32 res[5], r8sum;
    int same;

    /* Loop 1: 3 million iterations of a four-instruction single-block loop. */
    u32 n1 = 3000000;
    begin(loop1_start, loop1_end, n1, 1);
    same = repeat(irq_loop1, n1, res, dec, mpic, &r8sum);
    printf("%s loop1: r5=%d r6=%d r7=%08x ctr=%d ok=%d\n", src, res[0], res[1], res[2], res[4],
           same && res[0] == n1 && res[1] == 3 * n1 && res[2] == tri(n1) && res[4] == 0);
    report(dec, mpic, r8sum);

    /* Loop 2: 1 million iterations over five blocks with loads and stores (hist is checked after the first run). */
    u32 n2 = 1000000;
    begin(loop2_start, loop2_end, n2, 0);
    same = repeat(irq_loop2, n2, res, dec, mpic, &r8sum);
    static u32 r7, even, hsum, s3, computed; /* expected values, computed once */
    static u32 want_hist[64];
    for (u32 i = 0; i < n2 && !computed; i++) {
        if (i & 1) {
            r7 += i;
        } else {
            r7 = (r7 - i) ^ 0x55;
            even++;
        }
        want_hist[i & 63] += i;
    }
    for (int i = 0; i < 64 && !computed; i++)
        hsum = hsum * 31 + want_hist[i];
    printf("%s loop2: r5=%d r6=%d r7=%08x cr1=%x hist=%08x ok=%d\n", src, res[0], res[1], res[2],
           (res[4] >> 24) & 0xF, hist_first, same && res[0] == n2 && res[1] == even && res[2] == r7 && hist_first == hsum);
    report(dec, mpic, r8sum);

    /* Loop 3: 1 million calls. */
    u32 n3 = 1000000;
    begin(loop3_start, loop3_end, n3, 0);
    same = repeat(irq_loop3, n3, res, dec, mpic, &r8sum);
    for (u32 i = 0; i < n3 && !computed; i++)
        s3 += (i * i) ^ (i + 1);
    computed = 1;
    printf("%s loop3: r5=%d r6=%d r7=%08x ok=%d\n", src, res[0], res[1], res[2],
           same && res[0] == n3 && res[1] == 2 * n3 && res[2] == s3);
    report(dec, mpic, r8sum);
}

int main(void)
{
    exc_handlers[VEC_DEC] = on_dec;
    exc_handlers[VEC_EXTERNAL] = on_external;
    mtspr(SPR_TCR, 0);
    mtspr(SPR_TSR, 0xFFFFFFFF);
    wr32(MPIC_GCR, 0x20000000u); /* mixed mode: interrupts go to the core's int input */
    wr32(MPIC_SPVR, SPURIOUS_VECTOR);

    run_all("dec", 1, 0);
    run_all("mpic timer", 0, 1);
    run_all("dec+mpic", 1, 1);
    return 0;
}
