package dev.partita.cpu;

import dev.partita.time.VirtualClock;

/**
 * The e500v2 timer facility: time base (TBL/TBU), decrementer (DEC, DECAR, auto-reload), TCR/TSR,
 * fixed-interval timer and watchdog, driven by the machine's {@link VirtualClock}.
 */
public final class Timers {
    /** Time base frequency of the ppce500 board (400 MHz, as QEMU's device tree says). */
    public static final long TB_FREQUENCY = 400_000_000L;

    private final Cpu cpu;
    private final VirtualClock clock;

    public Timers(Cpu cpu, VirtualClock clock) {
        this.cpu = cpu;
        this.clock = clock;
    }

    /** The 64-bit time base now. */
    public long timeBase() {
        return clock.nowNs() * 2 / 5;
    }

    public boolean decrementerPending() {
        return false;
    }

    public boolean fitPending() {
        return false;
    }

    public boolean watchdogPending() {
        return false;
    }

    /** True for the SPR numbers the timer facility implements (TBL/TBU read and write, DEC, DECAR, TCR, TSR). */
    public static boolean isTimerSpr(int n) {
        return false;
    }

    public int readSpr(int n) {
        return 0;
    }

    public void writeSpr(int n, int v) {}

    public void reset() {}
}
