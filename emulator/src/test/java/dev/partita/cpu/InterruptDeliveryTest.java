package dev.partita.cpu;

import static dev.partita.cpu.SystemTestRig.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Cpu.interrupt per class, vectors, and the priorities of Cpu.pollInterrupts. */
class InterruptDeliveryTest {
    final SystemTestRig rig = new SystemTestRig();
    final Cpu c = rig.cpu;

    static final int ALL = Msr.UCLE | Msr.SPE | Msr.WE | Msr.CE | Msr.EE | Msr.PR | Msr.FP | Msr.ME | Msr.FE0
            | Msr.UBLE | Msr.DE | Msr.FE1 | Msr.IS | Msr.DS;

    @Test
    void baseClassKeepsCeMeDeOnly() {
        c.msr = ALL;
        c.interrupt(Ivor.DATA_STORAGE, 0x1234);
        assertEquals(Msr.CE | Msr.ME | Msr.DE, c.msr);
        assertEquals(0x1234, c.spr[Sprs.SRR0]);
        assertEquals(ALL, c.spr[Sprs.SRR1]);
        assertEquals(vector(Ivor.DATA_STORAGE), c.pc);
    }

    @Test
    void criticalClassUsesCsrrAndKeepsOnlyMe() {
        for (int ivor : new int[] {Ivor.CRITICAL_INPUT, Ivor.WATCHDOG, Ivor.DEBUG}) {
            SystemTestRig r = new SystemTestRig();
            r.cpu.msr = ALL;
            r.cpu.spr[Sprs.SRR0] = 0x55;
            r.cpu.interrupt(ivor, 0x2000);
            assertEquals(Msr.ME, r.cpu.msr);
            assertEquals(0x2000, r.cpu.spr[Sprs.CSRR0]);
            assertEquals(ALL, r.cpu.spr[Sprs.CSRR1]);
            assertEquals(0x55, r.cpu.spr[Sprs.SRR0]);
            assertEquals(vector(ivor), r.cpu.pc);
        }
    }

    @Test
    void machineCheckUsesMcsrrAndClearsEverything() {
        c.msr = ALL;
        c.interrupt(Ivor.MACHINE_CHECK, 0x3000);
        assertEquals(0, c.msr);
        assertEquals(0x3000, c.spr[Sprs.MCSRR0]);
        assertEquals(ALL, c.spr[Sprs.MCSRR1]);
        assertEquals(0, c.spr[Sprs.CSRR0]);
        assertEquals(vector(Ivor.MACHINE_CHECK), c.pc);
    }

    @Test
    void vectorIsIvprHighHalfOrIvorOffset() {
        c.spr[Sprs.IVPR] = 0xFFFF1234; // only bits 0-15 count
        c.spr[Sprs.IVOR0 + Ivor.PROGRAM] = 0x0000ABCF; // only bits 16-27 count
        c.interrupt(Ivor.PROGRAM, 0);
        assertEquals(0xFFFFABC0, c.pc);
        c.spr[Sprs.IVOR32] = 0x0770;
        c.interrupt(Ivor.SPE_UNAVAILABLE, 0);
        assertEquals(0xFFFF0770, c.pc);
    }

    @Test
    void enteringAnInterruptFromUserModeLeavesUserMode() {
        c.msr = Msr.PR | Msr.IS | Msr.DS | Msr.EE;
        rig.code(0);
        rig.run(1);
        assertEquals(0, c.msr);
        assertEquals(Msr.PR | Msr.IS | Msr.DS | Msr.EE, c.spr[Sprs.SRR1]);
    }

    @Test
    void programInterruptThenRfiReturnsToUserMode() {
        // user code hits an illegal word; the handler skips it and returns
        c.msr = Msr.PR | Msr.EE | Msr.ME;
        rig.code(0, addi(3, 0, 7));
        int h = vector(Ivor.PROGRAM);
        rig.at(h, mfspr(4, Sprs.SRR0), addi(4, 4, 4), mtspr(Sprs.SRR0, 4), RFI);
        rig.run(6);
        assertEquals(Msr.PR | Msr.EE | Msr.ME, c.msr);
        assertEquals(7, c.gpr[3]);
        assertEquals(CODE + 8, c.pc);
    }

    @Test
    void externalInputNeedsEe() {
        c.pc = 0x2000;
        c.externalInput = true;
        c.msr = Msr.ME;
        assertFalse(c.pollInterrupts());
        assertEquals(0x2000, c.pc);
        c.msr = Msr.EE;
        assertTrue(c.pollInterrupts());
        assertEquals(vector(Ivor.EXTERNAL_INPUT), c.pc);
        assertEquals(0x2000, c.spr[Sprs.SRR0]);
        assertEquals(Msr.EE, c.spr[Sprs.SRR1]);
        assertEquals(0, c.msr);
    }

    @Test
    void criticalInputNeedsCeAndBeatsExternal() {
        c.pc = 0x2000;
        c.externalInput = true;
        c.criticalInput = true;
        c.msr = Msr.EE | Msr.CE;
        assertTrue(c.pollInterrupts());
        assertEquals(vector(Ivor.CRITICAL_INPUT), c.pc);
        assertEquals(0x2000, c.spr[Sprs.CSRR0]);

        SystemTestRig r = new SystemTestRig();
        r.cpu.externalInput = true;
        r.cpu.criticalInput = true;
        r.cpu.msr = Msr.EE; // CE = 0 masks the critical input
        assertTrue(r.cpu.pollInterrupts());
        assertEquals(vector(Ivor.EXTERNAL_INPUT), r.cpu.pc);
    }

    @Test
    void machineCheckComesFirstAndIsConsumed() {
        c.pc = 0x2000;
        c.machineCheckInput = true;
        c.criticalInput = true;
        c.externalInput = true;
        c.msr = Msr.ME | Msr.CE | Msr.EE;
        assertTrue(c.pollInterrupts());
        assertEquals(vector(Ivor.MACHINE_CHECK), c.pc);
        assertFalse(c.machineCheckInput);
        assertEquals(0x2000, c.spr[Sprs.MCSRR0]);
        // MSR is now 0: nothing else is deliverable until the handler re-enables
        assertFalse(c.pollInterrupts());
    }

    @Test
    void machineCheckWithMeClearIsNotDelivered() {
        c.machineCheckInput = true;
        c.msr = Msr.CE | Msr.EE;
        assertFalse(c.pollInterrupts());
        assertTrue(c.machineCheckInput);
    }

    @Test
    void setMsrDropsUnimplementedBitsAndEndsSliceWhenEnabling() {
        c.sliceEnd = 1000;
        c.setMsr(Msr.RI | Msr.PMM);
        assertEquals(0, c.msr);
        assertEquals(1000, c.sliceEnd);
        c.setMsr(Msr.EE);
        assertEquals(0, c.sliceEnd);
    }
}
