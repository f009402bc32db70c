package dev.partita.cpu;

import dev.partita.time.TimerEvent;
import dev.partita.time.VirtualClock;

/**
 * The e500v2 timer facility: time base (TBL/TBU), decrementer (DEC, DECAR, auto-reload), TCR/TSR,
 * fixed-interval timer and watchdog, driven by the machine's {@link VirtualClock}.
 *
 * <p>Nothing polls: every value is computed from {@link VirtualClock#nowNs()} when it is read, and
 * each event (decrementer reaching zero, the selected time base bit of the FIT or the watchdog
 * going from 0 to 1) is a {@link TimerEvent} scheduled at its exact deadline. The time base runs
 * at {@link #TB_FREQUENCY} ({@code TB = guest ns * 2 / 5} plus the offset that TBL/TBU writes
 * set). The decrementer counts at the same rate but is not affected by time base writes. When an
 * interrupt condition becomes pending the core is asked to return to the machine loop
 * ({@link Cpu#requestExit}); {@link Cpu#pollInterrupts} then reads {@link #decrementerPending},
 * {@link #fitPending} and {@link #watchdogPending}. An SPR access first brings the state up to
 * date with any deadline that has passed but whose event the machine loop has not run yet.
 *
 * <p>Behaviour (Book E / e500 core reference manual; QEMU hw/ppc/ppc_booke.c for the e500 period
 * encoding): DEC stops at 0 after the 1 to 0 transition that sets TSR[DIS], unless TCR[ARE] is set
 * and DECAR is not zero, in which case that transition loads DECAR; writing 0 to DEC causes no
 * event. The FIT and watchdog periods select time base bit {@code FPEXT||FP} (and
 * {@code WPEXT||WP}) in big-endian numbering, i.e. bit {@code 63 - index} counting from the least
 * significant; index 0 (the reset value, 2^63 ticks) never fires. FIT edges set TSR[FIS]. Watchdog
 * edges step the Book E state machine: set TSR[ENW]; else set TSR[WIS]; else, if TCR[WRC] is not
 * zero, copy WRC into TSR[WRS] and request a reset ({@link #setWatchdogResetAction}). TSR is
 * write-one-to-clear; TCR[WRC] cannot be changed by software once it is not zero.
 *
 * <p>Wiring: {@link Cpu} creates it; mfspr/mtspr route the numbers {@link #isTimerSpr} accepts to
 * {@link #readSpr}/{@link #writeSpr} (mftb reads TBL/TBU the same way); the machine sets
 * {@link #setWatchdogResetAction} to its reset request and calls {@link #reset} on core reset. For
 * exact interrupt times the machine loop should end a slice no later than
 * {@link VirtualClock#nextDeadlineNs()} and call {@link VirtualClock#runDue()} before polling interrupts.
 */
public final class Timers {
    /** Time base frequency of the ppce500 board (400 MHz, as QEMU's device tree says). */
    public static final long TB_FREQUENCY = 400_000_000L;

    public static final int TCR_WP = 0xC0000000, TCR_WRC = 0x30000000, TCR_WIE = 0x08000000,
            TCR_DIE = 0x04000000, TCR_FP = 0x03000000, TCR_FIE = 0x00800000, TCR_ARE = 0x00400000,
            TCR_WPEXT = 0x001E0000, TCR_FPEXT = 0x0001E000;
    static final int TCR_DEFINED = TCR_WP | TCR_WRC | TCR_WIE | TCR_DIE | TCR_FP | TCR_FIE | TCR_ARE
            | TCR_WPEXT | TCR_FPEXT;
    public static final int TSR_ENW = 0x80000000, TSR_WIS = 0x40000000, TSR_WRS = 0x30000000,
            TSR_DIS = 0x08000000, TSR_FIS = 0x04000000;
    static final int TSR_DEFINED = TSR_ENW | TSR_WIS | TSR_WRS | TSR_DIS | TSR_FIS;

    /** Largest raw tick count whose nanosecond deadline still fits a long. */
    private static final long TICK_LIMIT = Long.MAX_VALUE / 5 - 1;

    private final Cpu cpu;
    private final VirtualClock clock;
    private final TimerEvent decEvent = new TimerEvent("DEC", this::decExpired);
    private final TimerEvent fitEvent = new TimerEvent("FIT", this::fitExpired);
    private final TimerEvent wdtEvent = new TimerEvent("watchdog", this::watchdogExpired);

    private long tbOffset;
    private int tcr, tsr, decar;
    /** DEC was {@code decValue} (unsigned) at raw tick {@code decBase}; counting while decEvent is scheduled. */
    private long decValue, decBase;
    /** Raw tick of the next watchdog edge (while wdtEvent is scheduled). */
    private long wdtNextTick;
    private boolean watchdogResetRequested;
    private Runnable watchdogResetAction = () -> {};

    public Timers(Cpu cpu, VirtualClock clock) {
        this.cpu = cpu;
        this.clock = clock;
    }

    /** What a watchdog time-out with TCR[WRC] != 0 runs (the machine's reset request), on the CPU thread. */
    public void setWatchdogResetAction(Runnable action) {
        this.watchdogResetAction = action;
    }

    /** True once the watchdog has requested a reset (until {@link #reset}). */
    public boolean watchdogResetRequested() {
        return watchdogResetRequested;
    }

    /** The 64-bit time base now. */
    public long timeBase() {
        return rawTicks() + tbOffset;
    }

    public boolean decrementerPending() {
        return (tsr & TSR_DIS) != 0 && (tcr & TCR_DIE) != 0;
    }

    public boolean fitPending() {
        return (tsr & TSR_FIS) != 0 && (tcr & TCR_FIE) != 0;
    }

    public boolean watchdogPending() {
        return (tsr & TSR_WIS) != 0 && (tcr & TCR_WIE) != 0;
    }

    /** True for the SPR numbers the timer facility implements (TBL/TBU read and write, DEC, DECAR, TCR, TSR). */
    public static boolean isTimerSpr(int n) {
        return switch (n) {
            case Sprs.DEC, Sprs.DECAR, Sprs.TBL_READ, Sprs.TBU_READ, Sprs.TBL_WRITE, Sprs.TBU_WRITE, Sprs.TSR,
                 Sprs.TCR -> true;
            default -> false;
        };
    }

    public int readSpr(int n) {
        catchUp();
        return switch (n) {
            case Sprs.TBL_READ, Sprs.TBL_WRITE -> (int) timeBase();
            case Sprs.TBU_READ, Sprs.TBU_WRITE -> (int) (timeBase() >>> 32);
            case Sprs.DEC -> (int) currentDec();
            case Sprs.DECAR -> decar;
            case Sprs.TCR -> tcr;
            case Sprs.TSR -> tsr;
            default -> 0;
        };
    }

    public void writeSpr(int n, int v) {
        catchUp();
        switch (n) {
            case Sprs.TBL_WRITE -> setTimeBase((timeBase() & 0xFFFFFFFF00000000L) | (v & 0xFFFFFFFFL));
            case Sprs.TBU_WRITE -> setTimeBase(((long) v << 32) | (timeBase() & 0xFFFFFFFFL));
            case Sprs.DEC -> writeDec(v & 0xFFFFFFFFL);
            case Sprs.DECAR -> decar = v;
            case Sprs.TCR -> writeTcr(v);
            case Sprs.TSR -> writeTsr(v);
            default -> { }
        }
    }

    /**
     * Core reset: TCR = 0, TSR cleared except WRS (which reports a watchdog reset), DEC and DECAR 0
     * and stopped. The time base keeps running (its reset value is undefined; firmware sets it).
     */
    public void reset() {
        clock.cancel(decEvent);
        clock.cancel(fitEvent);
        clock.cancel(wdtEvent);
        tcr = 0;
        tsr &= TSR_WRS;
        decValue = 0;
        decar = 0;
        watchdogResetRequested = false;
    }

    // ---- time base ----

    private long rawTicks() {
        return clock.nowNs() * 2 / 5;
    }

    /** The guest time (ns) at which the raw tick count reaches {@code tick}. */
    private static long deadlineNs(long tick) {
        return (tick * 5 + 1) / 2;
    }

    private void setTimeBase(long tb) {
        tbOffset = tb - rawTicks();
        rescheduleFit();
        rescheduleWatchdog();
    }

    /**
     * Ticks from time base value {@code tb} to the next 0-to-1 transition of bit {@code bit}
     * (0 = least significant), or -1 when that is too far away to schedule.
     */
    static long ticksToRisingEdge(long tb, int bit, long rawNow) {
        long d;
        if (bit >= 63) {
            return -1;
        }
        long half = 1L << bit;
        long period = 1L << (bit + 1); // 2^63 is Long.MIN_VALUE: the unsigned arithmetic below still holds
        long low = tb & (period - 1);
        d = Long.compareUnsigned(low, half) < 0 ? half - low : period - low + half;
        if (d <= 0 || d > TICK_LIMIT - rawNow) {
            return -1;
        }
        return d;
    }

    // ---- decrementer ----

    private long currentDec() {
        if (!decEvent.isScheduled()) {
            return decValue;
        }
        return decValue - (rawTicks() - decBase);
    }

    private void writeDec(long v) {
        decValue = v;
        decBase = rawTicks();
        if (v == 0) {
            clock.cancel(decEvent); // no 1 -> 0 transition, no event
        } else {
            clock.schedule(decEvent, deadlineNs(decBase + v));
        }
    }

    /** DEC went from 1 to 0 at tick decBase + decValue (and possibly reloaded several times since). */
    private void decExpired() {
        long elapsed = rawTicks() - decBase;
        tsr |= TSR_DIS;
        long reload = decar & 0xFFFFFFFFL;
        if ((tcr & TCR_ARE) != 0 && reload != 0) {
            long periods = (elapsed - decValue) / reload;
            decBase += decValue + periods * reload;
            decValue = reload;
            clock.schedule(decEvent, deadlineNs(decBase + reload));
        } else {
            decValue = 0;
            clock.cancel(decEvent);
        }
        if ((tcr & TCR_DIE) != 0) {
            cpu.requestExit();
        }
    }

    // ---- TCR / TSR ----

    private void writeTcr(int v) {
        int n = v & TCR_DEFINED;
        if ((tcr & TCR_WRC) != 0) {
            n = (n & ~TCR_WRC) | (tcr & TCR_WRC);
        }
        int changed = tcr ^ n;
        tcr = n;
        if ((changed & (TCR_FP | TCR_FPEXT)) != 0) {
            rescheduleFit();
        }
        if ((changed & (TCR_WP | TCR_WPEXT | TCR_WRC)) != 0) {
            rescheduleWatchdog();
        }
        if (decrementerPending() || fitPending() || watchdogPending()) {
            cpu.requestExit();
        }
    }

    private void writeTsr(int v) {
        int clear = v & TSR_DEFINED;
        tsr &= ~clear;
        if ((clear & TSR_FIS) != 0) {
            rescheduleFit();
        }
        if ((clear & (TSR_ENW | TSR_WIS)) != 0) {
            rescheduleWatchdog();
        }
    }

    // ---- fixed-interval timer ----

    private int fitBit() {
        int index = ((tcr & TCR_FP) >>> 24) | (((tcr & TCR_FPEXT) >>> 13) << 2);
        return 63 - index;
    }

    /** Arms the FIT for its next edge; while TSR[FIS] is set further edges change nothing, so it waits. */
    private void rescheduleFit() {
        int bit = fitBit();
        if ((tsr & TSR_FIS) != 0 || bit >= 63) {
            clock.cancel(fitEvent);
            return;
        }
        long raw = rawTicks();
        long d = ticksToRisingEdge(raw + tbOffset, bit, raw);
        if (d < 0) {
            clock.cancel(fitEvent);
        } else {
            clock.schedule(fitEvent, deadlineNs(raw + d));
        }
    }

    private void fitExpired() {
        clock.cancel(fitEvent);
        tsr |= TSR_FIS;
        if ((tcr & TCR_FIE) != 0) {
            cpu.requestExit();
        }
    }

    // ---- watchdog ----

    private int watchdogBit() {
        int index = ((tcr & TCR_WP) >>> 30) | (((tcr & TCR_WPEXT) >>> 17) << 2);
        return 63 - index;
    }

    /** No further edge can change anything: final state without a reset to do, or a reset already requested. */
    private boolean watchdogIdle() {
        return watchdogResetRequested
                || ((tsr & TSR_ENW) != 0 && (tsr & TSR_WIS) != 0 && (tcr & TCR_WRC) == 0);
    }

    private void rescheduleWatchdog() {
        int bit = watchdogBit();
        if (watchdogIdle() || bit >= 63) {
            clock.cancel(wdtEvent);
            return;
        }
        long raw = rawTicks();
        long d = ticksToRisingEdge(raw + tbOffset, bit, raw);
        if (d < 0) {
            clock.cancel(wdtEvent);
        } else {
            wdtNextTick = raw + d;
            clock.schedule(wdtEvent, deadlineNs(wdtNextTick));
        }
    }

    private void watchdogExpired() {
        long now = clock.nowNs();
        long period = 1L << (watchdogBit() + 1);
        // at most three edges matter (ENW, WIS, reset): after them the watchdog is idle
        for (int i = 0; i < 4; i++) {
            if (watchdogStep()) {
                return; // reset requested (the action may already have reset the timers)
            }
            if (watchdogIdle()) {
                clock.cancel(wdtEvent);
                return;
            }
            if (period <= 0 || wdtNextTick > TICK_LIMIT - period) {
                clock.cancel(wdtEvent);
                return;
            }
            wdtNextTick += period;
            long deadline = deadlineNs(wdtNextTick);
            if (deadline > now) {
                clock.schedule(wdtEvent, deadline);
                return;
            }
        }
        rescheduleWatchdog();
    }

    /** One time-out of the state machine; returns true if it requested a reset. */
    private boolean watchdogStep() {
        if ((tsr & TSR_ENW) == 0) {
            tsr |= TSR_ENW;
        } else if ((tsr & TSR_WIS) == 0) {
            tsr |= TSR_WIS;
            if ((tcr & TCR_WIE) != 0) {
                cpu.requestExit();
            }
        } else {
            int wrc = tcr & TCR_WRC;
            if (wrc != 0) {
                tsr = (tsr & ~TSR_WRS) | wrc; // WRC and WRS occupy the same bit positions
                watchdogResetRequested = true;
                clock.cancel(wdtEvent);
                cpu.requestExit();
                watchdogResetAction.run();
                return true;
            }
        }
        return false;
    }

    // ---- catching up ----

    /** Runs the effect of any deadline that has passed but whose event the machine loop has not fired yet. */
    private void catchUp() {
        if (!decEvent.isScheduled() && !fitEvent.isScheduled() && !wdtEvent.isScheduled()) {
            return;
        }
        long now = clock.nowNs();
        if (decEvent.isScheduled() && decEvent.deadlineNs() <= now) {
            decExpired();
        }
        if (fitEvent.isScheduled() && fitEvent.deadlineNs() <= now) {
            fitExpired();
        }
        if (wdtEvent.isScheduled() && wdtEvent.deadlineNs() <= now) {
            watchdogExpired();
        }
    }
}
