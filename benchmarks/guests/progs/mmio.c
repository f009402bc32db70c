/*
 * MMIO-bound guest: a polled ns16550 driver in loopback mode (MCR[LOOP]: each byte written to THR comes
 * back in RBR without reaching the console), scratch and status register traffic, and the MPIC's global
 * timer 0 (base count, current count, vector/priority) read and written in a loop. Everything goes
 * through the cache-inhibited CCSR mapping crt0 sets up.
 *
 * Deterministic: only values a correct device gives at any speed enter the checksum (bytes echoed,
 * register read-back); how often a poll loop spins or what the counter reads is left out.
 *
 * Native twin (-DNATIVE): the same driver code runs against a small host model of just the registers it
 * touches, reached through the same four accessors (rd8/wr8/rd32/wr32). The model is a stand-in so the
 * checksum can be compared on the host; it measures a function call per register access, not MMIO.
 */
#include "bench.h"

#define CCSR 0xFE000000u
#define UART0 (CCSR + 0x4500)
#define MPIC (CCSR + 0x40000)
#define GTCCR0 (MPIC + 0x1100)
#define GTBCR0 (MPIC + 0x1110)
#define GTVPR0 (MPIC + 0x1120)
#define RBR 0
#define THR 0
#define IER 1
#define IIR 2
#define LCR 3
#define MCR 4
#define LSR 5
#define SCR 7
#define LSR_DR 0x01
#define LSR_THRE 0x20
#define MCR_LOOP 0x10
#define CI 0x80000000u        /* GTBCR count inhibit */
#define TOG 0x80000000u       /* GTCCR toggle bit */
#define VP_MASK 0x80000000u   /* GTVPR mask bit */
#define VP_ACTIVITY 0x40000000u

#define BYTES SIZE(6000000, 20000)
#define TIMER_ROUNDS SIZE(6000000, 20000)

static volatile u32 sink;

#ifndef NATIVE
static inline u8 rd8(u32 reg)
{
    return *(volatile u8 *)(UART0 + reg);
}

static inline void wr8(u32 reg, u8 v)
{
    *(volatile u8 *)(UART0 + reg) = v;
}

static inline u32 rd32(u32 a)
{
    return *(volatile u32 *)a;
}

static inline void wr32(u32 a, u32 v)
{
    *(volatile u32 *)a = v;
}
#else
/*
 * Host stand-in for the two devices, only as far as this program uses them; not an emulator.
 *
 * ns16550 in the state the guest finds it after reset (nothing in the runtime programs it): LCR 0,
 * IER 0, MCR OUT2, LSR THRE|TEMT, no FIFOs, divisor latch never selected (LCR[DLAB] is not modelled).
 * A THR write completes at once: in loopback the byte lands in RBR and sets LSR[DR]; otherwise it is
 * dropped (the program only transmits in loopback). Reading RBR clears DR. IIR reports received data
 * or THR empty only when IER enables them (no THRE one-shot latch), else 0x01: no interrupt pending.
 *
 * MPIC global timer 0: GTBCR holds what was written; clearing its count-inhibit bit loads the count
 * from the base. There is no clock: each GTCCR read while counting takes one tick off the count, and
 * at zero it reloads from the base and flips the toggle bit (the program keeps the count out of the
 * checksum anyway). GTVPR keeps the mask, priority and vector bits (what the ppce500 MPIC lets a
 * write change for a timer source) and reads activity as 0: the source is masked and never raised.
 * Reset values: GTBCR count inhibited, GTVPR masked.
 */
#define IER_RDI 0x01
#define IER_THRI 0x02
#define LSR_TEMT 0x40
#define MCR_OUT2 0x08
#define VP_WRITABLE (VP_MASK | 0x000F0000u | 0xFFFFu)

static struct {
    u8 rbr, ier, lcr, mcr, lsr, scr;
    u32 gtccr, gtbcr, gtvpr;
} dev = { .mcr = MCR_OUT2, .lsr = LSR_THRE | LSR_TEMT, .gtbcr = CI, .gtvpr = VP_MASK };

/* One call per register access, not inlined, so the driver loop keeps its shape. */
static __attribute__((noinline)) u8 rd8(u32 reg)
{
    switch (reg) {
    case RBR:
        dev.lsr &= ~LSR_DR;
        return dev.rbr;
    case IER:
        return dev.ier;
    case IIR:
        if ((dev.ier & IER_RDI) && (dev.lsr & LSR_DR))
            return 0x04;
        if ((dev.ier & IER_THRI) && (dev.lsr & LSR_THRE))
            return 0x02;
        return 0x01;
    case LCR:
        return dev.lcr;
    case MCR:
        return dev.mcr;
    case LSR:
        return dev.lsr;
    case SCR:
        return dev.scr;
    default:
        return 0;
    }
}

static __attribute__((noinline)) void wr8(u32 reg, u8 v)
{
    switch (reg) {
    case THR:
        if (dev.mcr & MCR_LOOP) {
            dev.rbr = v;
            dev.lsr |= LSR_DR;
        }
        break;
    case IER:
        dev.ier = v & 0x0F;
        break;
    case LCR:
        dev.lcr = v;
        break;
    case MCR:
        dev.mcr = v & 0x1F;
        break;
    case SCR:
        dev.scr = v;
        break;
    }
}

static __attribute__((noinline)) u32 rd32(u32 a)
{
    switch (a) {
    case GTCCR0:
        if (!(dev.gtbcr & CI) && (dev.gtccr & ~TOG) != 0 && ((--dev.gtccr) & ~TOG) == 0)
            dev.gtccr = ((dev.gtccr & TOG) ^ TOG) | (dev.gtbcr & ~CI);
        return dev.gtccr;
    case GTBCR0:
        return dev.gtbcr;
    case GTVPR0:
        return dev.gtvpr;
    default:
        return 0;
    }
}

static __attribute__((noinline)) void wr32(u32 a, u32 v)
{
    switch (a) {
    case GTBCR0:
        if ((dev.gtbcr & CI) && !(v & CI))
            dev.gtccr = v & ~CI;
        dev.gtbcr = v;
        break;
    case GTVPR0:
        dev.gtvpr = v & VP_WRITABLE;
        break;
    }
}
#endif

/* Sends one byte through the loopback and returns what the receiver got. */
static u8 echo(u8 c)
{
    while (!(rd8(LSR) & LSR_THRE))
        ;
    wr8(THR, c);
    while (!(rd8(LSR) & LSR_DR))
        ;
    return rd8(RBR);
}

static u32 run(void)
{
    u32 s = 0x600DF00Du, sum = MIX_INIT, bad = 0;

    /* Drain the receiver, then loopback on, interrupts off. */
    while (rd8(LSR) & LSR_DR)
        (void)rd8(RBR);
    u8 ier = rd8(IER), mcr = rd8(MCR);
    wr8(IER, 0);
    wr8(MCR, MCR_LOOP);
    for (u32 i = 0; i < BYTES; i++) {
        u8 c = (u8)xs32(&s);
        u8 back = echo(c);
        bad += back != c;
        sum = (sum ^ back) * 16777619u;
        /* Scratch register and line control read-back every few bytes. */
        if ((i & 3) == 0) {
            wr8(SCR, (u8)(i >> 2));
            bad += rd8(SCR) != (u8)(i >> 2);
            sum = (sum ^ rd8(LCR)) * 16777619u;
            sum = (sum ^ (rd8(IIR) & 0x0F)) * 16777619u; /* no interrupt pending: 0x01 */
        }
    }
    while (rd8(LSR) & LSR_DR)
        (void)rd8(RBR);
    wr8(MCR, mcr);
    wr8(IER, ier);
    printf("uart loopback: %u bytes, %u wrong\n", BYTES, bad);
    sum = mix(sum, bad);

    /* MPIC global timer 0: count from a base, read the current count, rewrite vector/priority. */
    u32 tbad = 0;
    wr32(GTVPR0, VP_MASK | (5 << 16) | 0x33); /* masked, priority 5, vector 0x33 */
    u32 base = 0;
    for (u32 r = 0; r < TIMER_ROUNDS; r++) {
        if ((r & 255) == 0) {
            base = 0x1000 + (xs32(&s) & 0xFFFFF);
            wr32(GTBCR0, base | CI);
            wr32(GTBCR0, base);           /* CI 1 -> 0: restart counting from base */
        }
        /* The count depends on time (and QEMU briefly returns wrapped values after an expiry it has
         * not processed yet): read for the traffic, kept out of the checksum. */
        sink += rd32(GTCCR0) & ~TOG;
        tbad += (rd32(GTBCR0) & ~CI) != base;
        u32 vp = VP_MASK | ((r & 15) << 16) | (r & 0xFF);
        wr32(GTVPR0, vp);
        tbad += (rd32(GTVPR0) & ~VP_ACTIVITY) != vp;
        sum = mix(sum, rd32(GTVPR0) & ~VP_ACTIVITY);
    }
    wr32(GTBCR0, CI);
    wr32(GTVPR0, VP_MASK);
    printf("mpic timer: %u rounds, %u wrong\n", TIMER_ROUNDS, tbad);
    return mix(sum, tbad);
}
