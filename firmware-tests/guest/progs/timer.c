/*
 * Time base and timers: TB write and read, TB advancing, decrementer expiry seen by polling TSR[DIS],
 * the decrementer interrupt, auto-reload, and an interrupt that was pending before MSR[EE] was set.
 * Waits are bounded by time base ticks; only events are printed, never counts that depend on speed.
 * Left out where QEMU 7.2 and Book E differ: the DEC value after expiry (QEMU keeps counting below 0)
 * and the fixed-interval timer (QEMU 7.2 arms it only while TSR[FIS] is already set, so it never fires
 * after the guest clears FIS).
 */
#include "enc.h"

static volatile u32 ndec, dec_srr1;

static u64 tb(void)
{
    u32 hi, lo, hi2;
    do {
        hi = mfspr(SPR_TBU_R);
        lo = mfspr(SPR_TBL_R);
        hi2 = mfspr(SPR_TBU_R);
    } while (hi != hi2);
    return ((u64)hi << 32) | lo;
}

/* Waits until *flag reaches n or about 100 ms of time base ticks have passed. */
static int wait_for(volatile u32 *flag, u32 n)
{
    u64 start = tb();
    while (*flag < n) {
        if (tb() - start > 40000000ull)
            return 0;
    }
    return 1;
}

static void on_dec(struct frame *f)
{
    ndec++;
    dec_srr1 = f->srr1;
    mtspr(SPR_TSR, TSR_DIS);
    if (ndec >= 3 || !(mfspr(SPR_TCR) & TCR_ARE))
        mtspr(SPR_TCR, mfspr(SPR_TCR) & ~(TCR_DIE | TCR_ARE));
}

int main(void)
{
    exc_handlers[VEC_DEC] = on_dec;
    mtspr(SPR_TCR, 0);
    mtspr(SPR_TSR, 0xFFFFFFFF);

    mtspr(SPR_TBL_W, 0);
    mtspr(SPR_TBU_W, 0x1234);
    printf("tbu after write = %08x\n", mfspr(SPR_TBU_R));
    u64 t0 = tb();
    for (volatile int i = 0; i < 1000; i++)
        ;
    printf("tb advances: %d\n", tb() > t0);
    printf("tsr after clear = %08x\n", mfspr(SPR_TSR) & (TSR_DIS | TSR_FIS));

    /* Decrementer expiry without interrupt: TSR[DIS] gets set, DEC stops at 0. */
    mtspr(SPR_DEC, 4000);
    u64 start = tb();
    while (!(mfspr(SPR_TSR) & TSR_DIS) && tb() - start < 40000000ull)
        ;
    printf("dec expired: tsr[dis]=%d\n", (mfspr(SPR_TSR) & TSR_DIS) != 0);
    mtspr(SPR_TSR, TSR_DIS);
    printf("tsr[dis] after write-1-to-clear = %d\n", (mfspr(SPR_TSR) & TSR_DIS) != 0);

    /* Decrementer interrupt. */
    ndec = 0;
    mtspr(SPR_TCR, TCR_DIE);
    mtmsr(MSR_EE);
    mtspr(SPR_DEC, 20000);
    printf("dec interrupt: %d srr1[ee]=%d\n", wait_for(&ndec, 1), (dec_srr1 & MSR_EE) != 0);
    mtmsr(0);

    /* Auto-reload: three interrupts, then the handler turns it off. */
    ndec = 0;
    mtspr(SPR_DECAR, 20000);
    mtspr(SPR_TCR, TCR_DIE | TCR_ARE);
    mtspr(SPR_DEC, 20000);
    mtmsr(MSR_EE);
    printf("dec auto-reload: 3 interrupts=%d\n", wait_for(&ndec, 3));
    mtmsr(0);
    mtspr(SPR_DEC, 0);
    mtspr(SPR_TSR, TSR_DIS);

    /* Pending before enabling: DIS set with DIE clear, then DIE and EE: the interrupt comes at once. */
    ndec = 0;
    mtspr(SPR_TCR, 0);
    mtspr(SPR_DEC, 100);
    start = tb();
    while (!(mfspr(SPR_TSR) & TSR_DIS) && tb() - start < 40000000ull)
        ;
    mtspr(SPR_TCR, TCR_DIE);
    printf("pending dec, EE off: interrupts=%d\n", ndec);
    mtmsr(MSR_EE);
    __asm__ volatile("nop; nop; nop; nop" : : : "memory");
    mtmsr(0);
    printf("pending dec, after EE on: interrupts=%d\n", ndec);

    return 0;
}
