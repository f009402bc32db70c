package dev.partita.devices;

import static org.junit.jupiter.api.Assertions.*;

import dev.partita.time.VirtualClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FSL MPIC behaviour: OpenPIC delivery rules and the register layout of QEMU's FSL MPIC 4.2. */
class MpicTest {
    static final int FRR = 0x1000, GCR = 0x1020, VIR = 0x1080, SPVR = 0x10E0, TFRR = 0x10F0, IPIVPR0 = 0x10A0;
    static final int CTPR = 0x80, WHOAMI = 0x90, IACK = 0xA0, EOI = 0xB0, IPIDR0 = 0x40;
    static final int CPU0 = 0x20000;
    static final int UART = 42, I2C = 43;

    long[] ns = {0};
    VirtualClock clock = VirtualClock.deterministic(() -> ns[0], 0);
    boolean intOut, critOut;
    Mpic mpic;

    @BeforeEach
    void setUp() {
        mpic = new Mpic(clock, level -> intOut = level);
        mpic.setOutput(0, Mpic.OUTPUT_CRITICAL, level -> critOut = level);
    }

    int rd(int off) {
        return (int) mpic.read(off, 4);
    }

    void wr(int off, int v) {
        mpic.write(off, 4, v & 0xFFFFFFFFL);
    }

    static int ivpr(int n) {
        return 0x10000 + 0x20 * n;
    }

    static int idr(int n) {
        return ivpr(n) + 0x10;
    }

    static int ilr(int n) {
        return ivpr(n) + 0x18;
    }

    /** Unmasked, level as the source type allows, given priority and vector. */
    void enable(int n, int priority, int vector) {
        wr(ivpr(n), (priority << 16) | vector);
    }

    @Test
    void resetValues() {
        assertEquals(0x00400402, rd(0x0), "BRR1 of MPIC 4.2");
        assertEquals((195 << 16) | 2, rd(FRR), "196 sources, 1 CPU, VID 2");
        assertEquals(0, rd(GCR));
        assertEquals(0, rd(VIR));
        assertEquals(0xFFFF, rd(SPVR));
        assertEquals(0, rd(TFRR));
        assertEquals(0x80800000, rd(ivpr(UART)), "internal source: masked, polarity bit set");
        assertEquals(0x80000000, rd(ivpr(3)), "external source: masked");
        assertEquals(1, rd(idr(UART)), "directed to CPU 0");
        assertEquals(0, rd(ilr(UART)), "INT output");
        assertEquals(15, rd(CPU0 + CTPR));
        assertEquals(15, rd(CTPR), "current-CPU window shows CPU 0");
        assertEquals(0, rd(CPU0 + WHOAMI));
        assertEquals(0x80000000, rd(0x1100 + 0x10), "GTBCR0: count inhibited");
        assertEquals(0x80000000, rd(IPIVPR0));
        assertFalse(intOut);
    }

    @Test
    void levelSourceDeliveryIackEoi() {
        enable(UART, 5, 0x2A);
        wr(CTPR, 0);
        IrqLine line = mpic.input(UART);
        line.set(true);
        assertTrue(intOut);
        assertEquals(0x40000000, rd(ivpr(UART)) & 0x40000000, "activity bit");
        assertEquals(0x2A, rd(IACK));
        assertFalse(intOut, "IACK takes the interrupt; a level source stays raised but is in service");
        wr(EOI, 0);
        assertTrue(intOut, "still asserted after EOI: delivered again");
        assertEquals(0x2A, rd(IACK));
        line.set(false);
        wr(EOI, 0);
        assertFalse(intOut);
        assertEquals(0, rd(ivpr(UART)) & 0x40000000);
        assertEquals(0xFFFF, rd(IACK), "nothing pending: spurious vector");
    }

    @Test
    void maskedSourceIsNotDelivered() {
        wr(ivpr(UART), 0x80000000 | (5 << 16) | 0x2A);
        wr(CTPR, 0);
        mpic.input(UART).set(true);
        assertFalse(intOut);
        wr(ivpr(UART), (5 << 16) | 0x2A);
        assertTrue(intOut, "unmasking a pending level source delivers it");
        wr(ivpr(UART), 0x80000000 | (5 << 16) | 0x2A);
        assertFalse(intOut, "masking withdraws it");
    }

    @Test
    void taskPriorityGatesDelivery() {
        enable(UART, 5, 0x2A);
        mpic.input(UART).set(true);
        assertFalse(intOut, "CTPR 15 after reset");
        wr(CTPR, 5);
        assertFalse(intOut, "priority must exceed CTPR");
        wr(CPU0 + CTPR, 4);
        assertTrue(intOut);
        assertEquals(4, rd(CTPR), "per-CPU and current-CPU windows are the same register");
        wr(CTPR, 6);
        assertFalse(intOut);
    }

    @Test
    void priorityZeroNeverDelivers() {
        enable(UART, 0, 0x2A);
        wr(CTPR, 0);
        mpic.input(UART).set(true);
        assertFalse(intOut);
        assertEquals(0xFFFF, rd(IACK));
    }

    @Test
    void highestPriorityFirstAndNesting() {
        enable(UART, 3, 0x2A);
        enable(I2C, 7, 0x2B);
        wr(CTPR, 0);
        mpic.input(UART).set(true);
        mpic.input(I2C).set(true);
        assertEquals(0x2B, rd(IACK));
        assertFalse(intOut, "UART (3) is hidden while I2C (7) is in service");
        mpic.input(I2C).set(false);
        wr(EOI, 0);
        assertTrue(intOut);
        assertEquals(0x2A, rd(IACK));
        assertFalse(intOut);
        mpic.input(I2C).set(true);
        assertTrue(intOut, "a higher priority preempts the one in service");
        assertEquals(0x2B, rd(IACK));
        wr(EOI, 0); // ends I2C (highest in service)
        mpic.input(I2C).set(false);
        assertFalse(intOut, "UART still in service, I2C gone");
        mpic.input(UART).set(false);
        wr(EOI, 0);
        assertFalse(intOut);
    }

    @Test
    void equalPriorityLowestSourceFirst() {
        enable(I2C, 4, 0x2B);
        enable(UART, 4, 0x2A);
        wr(CTPR, 0);
        mpic.input(I2C).set(true);
        mpic.input(UART).set(true);
        assertEquals(0x2A, rd(IACK));
    }

    @Test
    void spuriousVectorIsProgrammable() {
        wr(SPVR, 0xABCDE);
        assertEquals(0xBCDE, rd(SPVR), "16-bit vector");
        assertEquals(0xBCDE, rd(IACK));
    }

    @Test
    void edgeTriggeredExternalSource() {
        wr(ivpr(1), (6 << 16) | 0x31); // sense 0: edge
        wr(CTPR, 0);
        IrqLine pin = mpic.input(1);
        pin.set(true);
        pin.set(false);
        assertTrue(intOut, "the edge is latched");
        assertEquals(0x31, rd(IACK));
        assertEquals(0, rd(ivpr(1)) & 0x40000000, "IACK clears an edge source");
        wr(EOI, 0);
        assertFalse(intOut);
        assertEquals(0xFFFF, rd(IACK));
    }

    @Test
    void senseBitIsReservedOnInternalSources() {
        wr(ivpr(UART), 0x00400000 | 0x2A);
        assertEquals(0, rd(ivpr(UART)) & 0x00400000);
        wr(ivpr(2), 0x00400000 | 0x2A);
        assertEquals(0x00400000, rd(ivpr(2)) & 0x00400000, "external sources keep it");
    }

    @Test
    void sourceWithoutDestinationIsNotDelivered() {
        enable(UART, 5, 0x2A);
        wr(idr(UART), 0);
        wr(CTPR, 0);
        mpic.input(UART).set(true);
        assertFalse(intOut);
    }

    @Test
    void criticalRoutingThroughIlr() {
        enable(UART, 5, 0x2A);
        wr(ilr(UART), 1);
        assertEquals(1, rd(ilr(UART)));
        mpic.input(UART).set(true);
        assertTrue(critOut, "critical output ignores CTPR");
        assertFalse(intOut);
        assertEquals(0xFFFF, rd(IACK), "nothing on the INT output");
        mpic.input(UART).set(false);
        assertFalse(critOut);
    }

    @Test
    void gcrResetRestoresDefaults() {
        enable(UART, 5, 0x2A);
        wr(CTPR, 0);
        mpic.input(UART).set(true);
        assertTrue(intOut);
        wr(GCR, 0x80000000);
        assertEquals(0, rd(GCR), "reset bit self-clears");
        assertFalse(intOut);
        assertEquals(0x80800000, rd(ivpr(UART)) & 0xBFFFFFFF);
        assertEquals(15, rd(CTPR));
    }

    @Test
    void interProcessorInterrupt() {
        wr(IPIVPR0 + 0x10, (6 << 16) | 0x71);
        wr(CTPR, 0);
        wr(IPIDR0 + 0x10, 1); // IPI 1 to CPU 0 from the current CPU
        assertTrue(intOut);
        assertEquals(0x71, rd(IACK));
        wr(EOI, 0);
        assertFalse(intOut);
    }

    @Test
    void globalTimerCountsDownAndFires() {
        int gtccr = 0x1100, gtbcr = 0x1110, gtvpr = 0x1120, gtdr = 0x1130;
        wr(gtvpr, (4 << 16) | 0x60);
        wr(gtdr, 1);
        wr(CTPR, 0);
        wr(gtbcr, 100); // CI cleared: counts 100 ticks of 40 ns
        assertEquals(100, rd(gtccr));
        ns[0] = 3999;
        clock.runDue();
        assertFalse(intOut);
        assertEquals(100 - 3999 / 40, rd(gtccr));
        ns[0] = 4000;
        clock.runDue();
        assertTrue(intOut);
        assertEquals(0x80000000 | 100, rd(gtccr), "reloaded, toggle bit flipped");
        assertEquals(0x60, rd(IACK));
        assertEquals(0, rd(gtvpr) & 0x40000000, "timer interrupts are edges");
        wr(EOI, 0);
        assertFalse(intOut);
        assertEquals(8000, clock.nextDeadlineNs(), "periodic at the exact period");
        ns[0] = 8000;
        clock.runDue();
        assertTrue(intOut);
        assertEquals(100, rd(gtccr), "toggle flipped back");
        rd(IACK);
        wr(EOI, 0);
        wr(gtbcr, 0x80000000 | 100);
        assertEquals(Long.MAX_VALUE, clock.nextDeadlineNs(), "count inhibit stops the timer");
    }

    @Test
    void timerCountIsExactWhenTheEventRunsLate() {
        wr(0x1120, (4 << 16) | 0x60);
        wr(0x1110, 10); // period 400 ns
        ns[0] = 1000; // 2.5 periods later, no runDue yet
        assertEquals(10 - 5, rd(0x1100) & 0x7FFFFFFF);
        assertEquals(1200, clock.nextDeadlineNs());
    }

    @Test
    void messageSignalledInterrupt() {
        enable(Mpic.IRQ_MSI0, 5, 0xE0);
        wr(CTPR, 0);
        wr(0x1740, 0x05000000); // MSIIR: bank 0, bit 5
        assertTrue(intOut);
        assertEquals(1, rd(0x1720), "MSISR");
        assertEquals(1 << 5, rd(0x1600), "MSIR0, cleared by the read");
        assertFalse(intOut);
        assertEquals(0, rd(0x1600));
    }

    @Test
    void unimplementedLocationsDoNotThrow() {
        assertEquals(0xFFFFFFFFL, mpic.read(0x1010, 4));
        assertEquals(0, mpic.read(0x3800, 4));
        assertDoesNotThrow(() -> mpic.write(0x3FFFC, 4, 1));
        assertDoesNotThrow(() -> mpic.read(0x20000 + 0x5000, 4));
        assertEquals(0x2, mpic.read(0x3, 1), "narrow reads see the big-endian bytes of BRR1");
    }
}
