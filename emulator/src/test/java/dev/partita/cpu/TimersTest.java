package dev.partita.cpu;

import static org.junit.jupiter.api.Assertions.*;

import dev.partita.memory.PhysicalBus;
import dev.partita.time.VirtualClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The e500 timer facility at 400 MHz (2 ticks per 5 ns) on a deterministic clock: tick T is reached
 * at guest time ceil(T * 5 / 2) ns.
 */
class TimersTest {
    static final int DEC = 22, DECAR = 54, TBL = 268, TBU = 269, TBL_W = 284, TBU_W = 285, TSR = 336, TCR = 340;

    long[] ns = {0};
    VirtualClock clock = VirtualClock.deterministic(() -> ns[0], 0);
    Cpu cpu;
    Timers t;

    @BeforeEach
    void setUp() {
        cpu = new Cpu(new PhysicalBus(), clock);
        t = cpu.timers;
    }

    void at(long nanos) {
        ns[0] = nanos;
        clock.runDue();
    }

    /** TCR period field value selecting time base bit {@code bit} (0 = least significant) for FIT or watchdog. */
    static int fitPeriod(int bit) {
        int index = 63 - bit;
        return ((index & 3) << 24) | ((index >>> 2) << 13);
    }

    static int watchdogPeriod(int bit) {
        int index = 63 - bit;
        return ((index & 3) << 30) | ((index >>> 2) << 17);
    }

    @Test
    void timerSprs() {
        for (int n : new int[] {DEC, DECAR, TBL, TBU, TBL_W, TBU_W, TSR, TCR}) {
            assertTrue(Timers.isTimerSpr(n), "SPR " + n);
        }
        assertFalse(Timers.isTimerSpr(26));
        assertFalse(Timers.isTimerSpr(287));
    }

    @Test
    void timeBaseRunsAt400MHzAndCanBeWritten() {
        ns[0] = 1000;
        assertEquals(400, t.timeBase());
        assertEquals(400, t.readSpr(TBL));
        t.writeSpr(TBU_W, 0x1);
        t.writeSpr(TBL_W, 0xFFFFFFF0);
        assertEquals(0x1_FFFFFFF0L, t.timeBase());
        ns[0] = 1050; // +20 ticks: carries into TBU
        assertEquals(0x2_00000004L, t.timeBase());
        assertEquals(2, t.readSpr(TBU));
        assertEquals(4, t.readSpr(TBL));
    }

    @Test
    void decrementerExpiresAtTheExactTick() {
        t.writeSpr(DEC, 100);
        assertEquals(250, clock.nextDeadlineNs(), "tick 100 is reached at 250 ns");
        at(249);
        assertEquals(1, t.readSpr(DEC));
        assertEquals(0, t.readSpr(TSR) & Timers.TSR_DIS);
        at(250);
        assertEquals(Timers.TSR_DIS, t.readSpr(TSR) & Timers.TSR_DIS);
        assertEquals(0, t.readSpr(DEC));
        at(10_000);
        assertEquals(0, t.readSpr(DEC), "stops at 0 without auto-reload");
        assertEquals(Long.MAX_VALUE, clock.nextDeadlineNs());
    }

    @Test
    void decrementerStartingBetweenTicks() {
        ns[0] = 3; // tick 1
        t.writeSpr(DEC, 3);
        assertEquals(10, clock.nextDeadlineNs(), "tick 4 at 10 ns");
    }

    @Test
    void decrementerInterruptNeedsDieAndRequestsExit() {
        t.writeSpr(DEC, 10);
        at(25);
        assertFalse(t.decrementerPending(), "TCR[DIE] clear");
        cpu.sliceEnd = 1_000;
        t.writeSpr(TCR, Timers.TCR_DIE);
        assertTrue(t.decrementerPending());
        assertEquals(0, cpu.sliceEnd, "enabling a pending interrupt asks the engine to stop");
        t.writeSpr(TSR, Timers.TSR_DIS);
        assertFalse(t.decrementerPending(), "TSR is write-one-to-clear");
        t.writeSpr(DEC, 10);
        cpu.sliceEnd = 1_000;
        at(50);
        assertTrue(t.decrementerPending());
        assertEquals(0, cpu.sliceEnd, "expiry with DIE set asks the engine to stop");
    }

    @Test
    void writingZeroCausesNoEvent() {
        t.writeSpr(DEC, 0);
        at(1_000_000);
        assertEquals(0, t.readSpr(TSR));
        assertEquals(0, t.readSpr(DEC));
    }

    @Test
    void autoReloadFromDecar() {
        t.writeSpr(TCR, Timers.TCR_ARE);
        t.writeSpr(DECAR, 50);
        t.writeSpr(DEC, 100);
        at(250);
        assertEquals(Timers.TSR_DIS, t.readSpr(TSR));
        assertEquals(50, t.readSpr(DEC), "the 1 -> 0 transition loads DECAR");
        assertEquals(375, clock.nextDeadlineNs(), "next expiry 50 ticks later");
        ns[0] = 300; // tick 120
        assertEquals(30, t.readSpr(DEC));
        t.writeSpr(TSR, Timers.TSR_DIS);
        assertEquals(0, t.readSpr(TSR));
        at(375);
        assertEquals(Timers.TSR_DIS, t.readSpr(TSR));
    }

    @Test
    void autoReloadStaysExactWhenEventsRunLate() {
        t.writeSpr(TCR, Timers.TCR_ARE);
        t.writeSpr(DECAR, 40);
        t.writeSpr(DEC, 40);
        ns[0] = 1000; // tick 400: ten periods, nobody looked
        assertEquals(40, t.readSpr(DEC), "tick 400 is a reload point");
        ns[0] = 1005; // tick 402
        assertEquals(38, t.readSpr(DEC));
        assertEquals(Timers.TSR_DIS, t.readSpr(TSR) & Timers.TSR_DIS);
        assertEquals(1100, clock.nextDeadlineNs(), "tick 440");
    }

    @Test
    void tsrReadSeesAPassedDeadlineBeforeTheMachineLoopRuns() {
        t.writeSpr(DEC, 4);
        ns[0] = 10;
        assertEquals(Timers.TSR_DIS, t.readSpr(TSR));
    }

    @Test
    void decrementerIgnoresTimeBaseWrites() {
        t.writeSpr(DEC, 100);
        t.writeSpr(TBL_W, 0x7FFFFFF0);
        assertEquals(250, clock.nextDeadlineNs());
    }

    @Test
    void fixedIntervalTimerPeriod() {
        t.writeSpr(TCR, fitPeriod(10) | Timers.TCR_FIE);
        assertEquals(2560, clock.nextDeadlineNs(), "TB bit 10 goes 0 -> 1 at tick 1024");
        at(2559);
        assertFalse(t.fitPending());
        at(2560);
        assertTrue(t.fitPending());
        assertEquals(Timers.TSR_FIS, t.readSpr(TSR));
        ns[0] = 2750; // tick 1100
        t.writeSpr(TSR, Timers.TSR_FIS);
        assertFalse(t.fitPending());
        assertEquals(7680, clock.nextDeadlineNs(), "next edge at tick 1024 + 2048");
        at(7680);
        assertTrue(t.fitPending());
    }

    @Test
    void fitFollowsTimeBaseWrites() {
        t.writeSpr(TCR, fitPeriod(4));
        assertEquals(40, clock.nextDeadlineNs(), "TB 16 at tick 16");
        ns[0] = 10; // tick 4
        t.writeSpr(TBL_W, 0x0F); // bit 4 rises at the next tick
        assertEquals(13, clock.nextDeadlineNs(), "tick 5 at ceil(12.5) ns");
        at(13);
        assertEquals(Timers.TSR_FIS, t.readSpr(TSR));
    }

    @Test
    void fitIndexZeroNeverFires() {
        t.writeSpr(TCR, Timers.TCR_FIE);
        assertEquals(Long.MAX_VALUE, clock.nextDeadlineNs());
    }

    @Test
    void watchdogStateMachineAndReset() {
        int[] resets = {0};
        t.setWatchdogResetAction(() -> resets[0]++);
        t.writeSpr(TCR, watchdogPeriod(10) | Timers.TCR_WIE | 0x10000000); // WRC = 01
        assertEquals(2560, clock.nextDeadlineNs());
        at(2560);
        assertEquals(Timers.TSR_ENW, t.readSpr(TSR), "first time-out: enable next watchdog");
        assertFalse(t.watchdogPending());
        assertEquals(7680, clock.nextDeadlineNs());
        cpu.sliceEnd = 1_000;
        at(7680);
        assertEquals(Timers.TSR_ENW | Timers.TSR_WIS, t.readSpr(TSR));
        assertTrue(t.watchdogPending());
        assertEquals(0, cpu.sliceEnd);
        assertEquals(0, resets[0]);
        at(12800);
        assertEquals(1, resets[0], "third time-out with WRC != 0 resets");
        assertTrue(t.watchdogResetRequested());
        assertEquals(0x10000000, t.readSpr(TSR) & Timers.TSR_WRS, "WRS reports WRC");
        t.reset();
        assertEquals(0x10000000, t.readSpr(TSR), "WRS survives the reset it caused");
        assertEquals(0, t.readSpr(TCR));
    }

    @Test
    void servicedWatchdogDoesNotEscalate() {
        int[] resets = {0};
        t.setWatchdogResetAction(() -> resets[0]++);
        t.writeSpr(TCR, watchdogPeriod(10) | 0x20000000);
        for (long edge = 2560; edge < 100_000; edge += 5120) {
            at(edge);
            t.writeSpr(TSR, Timers.TSR_ENW | Timers.TSR_WIS); // the guest pets the dog
        }
        assertEquals(0, resets[0]);
    }

    @Test
    void watchdogResetControlIsSticky() {
        t.writeSpr(TCR, 0x20000000);
        t.writeSpr(TCR, 0);
        assertEquals(0x20000000, t.readSpr(TCR), "WRC cannot be cleared by software");
    }

    @Test
    void watchdogWithoutResetControlGoesIdle() {
        t.writeSpr(TCR, watchdogPeriod(10));
        at(2560);
        at(7680);
        assertEquals(Timers.TSR_ENW | Timers.TSR_WIS, t.readSpr(TSR));
        assertEquals(Long.MAX_VALUE, clock.nextDeadlineNs(), "nothing left to do");
        assertFalse(t.watchdogResetRequested());
    }

    @Test
    void risingEdgeDistance() {
        assertEquals(1024, Timers.ticksToRisingEdge(0, 10, 0));
        assertEquals(2048, Timers.ticksToRisingEdge(1024, 10, 0), "edge just passed: a full period");
        assertEquals(1, Timers.ticksToRisingEdge(1023, 10, 0));
        assertEquals(-1, Timers.ticksToRisingEdge(0, 63, 0));
    }
}
