package dev.partita.cpu;

import static dev.partita.cpu.SystemTestRig.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** mfspr/mtspr: round trips, reset values, special write behaviour, privilege and unknown SPRs. */
class SprAccessTest {
    final SystemTestRig rig = new SystemTestRig();
    final Cpu c = rig.cpu;

    /** mtspr n,r3 ; mfspr r4,n in supervisor mode. */
    private int roundTrip(int n, int value) {
        c.gpr[3] = value;
        c.gpr[4] = 0x5A5A5A5A;
        rig.code(mtspr(n, 3), mfspr(4, n));
        rig.run(2);
        assertEquals(CODE + 8, c.pc, "no interrupt for SPR " + n);
        return c.gpr[4];
    }

    @ParameterizedTest
    @ValueSource(ints = {Sprs.SRR0, Sprs.SRR1, Sprs.CSRR0, Sprs.CSRR1, Sprs.MCSRR0, Sprs.MCSRR1, Sprs.DSRR0,
            Sprs.DSRR1, Sprs.ESR, Sprs.DEAR, Sprs.MCSR, Sprs.MCAR, Sprs.SPRG0, Sprs.SPRG1, Sprs.SPRG2, Sprs.SPRG3,
            Sprs.SPRG4, Sprs.SPRG5, Sprs.SPRG6, Sprs.SPRG7, Sprs.SPRG8, Sprs.SPRG9, Sprs.USPRG0, Sprs.HID0,
            Sprs.HID1, Sprs.BUCSR, Sprs.DBCR1, Sprs.DBCR2, Sprs.IAC1, Sprs.IAC2, Sprs.DAC1, Sprs.DAC2,
            Sprs.SPEFSCR, Sprs.BBEAR, Sprs.BBTAR, Sprs.NPIDR, Sprs.LR, Sprs.CTR})
    void plainRegistersReadBackWhatWasWritten(int n) {
        assertEquals(0x12345678, roundTrip(n, 0x12345678));
    }

    @Test
    void xerKeepsOnlyItsDefinedBits() {
        assertEquals(0xE000007F, roundTrip(Sprs.XER, 0xFFFFFFFF));
    }

    @Test
    void ivprAndIvorsAreMasked() {
        assertEquals(0xABCD0000, roundTrip(Sprs.IVPR, 0xABCDEFFF));
        SystemTestRig r2 = new SystemTestRig();
        r2.cpu.gpr[3] = 0xFFFFFFFF;
        r2.code(mtspr(Sprs.IVOR0 + 6, 3), mfspr(4, Sprs.IVOR0 + 6), mtspr(Sprs.IVOR32 + 3, 3), mfspr(5, Sprs.IVOR32 + 3));
        r2.run(4);
        assertEquals(0xFFF0, r2.cpu.gpr[4]);
        assertEquals(0xFFF0, r2.cpu.gpr[5]);
    }

    @Test
    void resetValues() {
        rig.code(mfspr(3, Sprs.PVR), mfspr(4, Sprs.SVR), mfspr(5, Sprs.L1CFG0), mfspr(6, Sprs.L1CFG1));
        c.gpr[4] = -1;
        rig.run(4);
        assertEquals(0x80210030, c.gpr[3]);
        assertEquals(0, c.gpr[4]); // QEMU's ppce500 reports SVR 0 (U-Boot: "CPU: Unknown")
        assertEquals(32, c.gpr[5] & 0x7FF); // 32 KiB, as U-Boot prints
        assertEquals(32, c.gpr[6] & 0x7FF);
    }

    @Test
    void l1CacheEnableReadsBackAndFlashInvalidateSelfClears() {
        assertEquals(Sprs.L1CSR_CE, roundTrip(Sprs.L1CSR0, Sprs.L1CSR_CE | Sprs.L1CSR_FI | Sprs.L1CSR_LFR));
        SystemTestRig r2 = new SystemTestRig();
        r2.cpu.gpr[3] = Sprs.L1CSR_FI;
        r2.code(mtspr(Sprs.L1CSR1, 3), mfspr(4, Sprs.L1CSR1));
        r2.run(2);
        assertEquals(0, r2.cpu.gpr[4]);
    }

    @Test
    void dbsrIsWriteOneToClear() {
        c.spr[Sprs.DBSR] = 0xF0F0;
        c.gpr[3] = 0x3030;
        rig.code(mtspr(Sprs.DBSR, 3), mfspr(4, Sprs.DBSR));
        rig.run(2);
        assertEquals(0xC0C0, c.gpr[4]);
    }

    @Test
    void dbcr0ResetFieldRequestsReset() {
        int[] calls = {0};
        c.resetHandler = () -> calls[0]++;
        c.gpr[3] = 0x10000000;
        c.gpr[4] = 0x00000001;
        rig.code(mtspr(Sprs.DBCR0, 4), mtspr(Sprs.DBCR0, 3));
        rig.run(1);
        assertEquals(0, calls[0]);
        rig.run(1);
        assertEquals(1, calls[0]);
    }

    @Test
    void readOnlyRegistersRejectWritesEvenInSupervisorMode() {
        c.gpr[3] = 1;
        rig.code(mtspr(Sprs.PVR, 3));
        rig.run(1);
        assertPrivileged();
        assertEquals(0x80210030, c.spr[Sprs.PVR]);
    }

    @Test
    void decarIsWriteOnly() {
        rig.code(mfspr(3, Sprs.DECAR));
        rig.run(1);
        assertPrivileged();
    }

    @Test
    void userModeCannotTouchPrivilegedSprs() {
        for (int n : new int[] {Sprs.SPRG0, Sprs.SRR0, Sprs.PVR, Sprs.HID0, Sprs.MAS1, Sprs.DEC}) {
            for (int word : new int[] {mfspr(3, n), mtspr(n, 3)}) {
                SystemTestRig r = new SystemTestRig();
                r.cpu.msr = Msr.PR | Msr.EE;
                r.code(word);
                r.run(1);
                assertEquals(vector(Ivor.PROGRAM), r.cpu.pc, "SPR " + n);
                assertEquals(Sprs.ESR_PPR, r.cpu.spr[Sprs.ESR]);
                assertEquals(Msr.PR | Msr.EE, r.cpu.spr[Sprs.SRR1]);
            }
        }
    }

    @Test
    void userModeReadsSprg3To7ThroughTheirUserNumbers() {
        for (int k = 3; k <= 7; k++) {
            c.spr[Sprs.SPRG0 + k] = 0x100 + k;
        }
        c.msr = Msr.PR;
        rig.code(mfspr(3, 259), mfspr(4, 260), mfspr(5, 261), mfspr(6, 262), mfspr(7, 263));
        rig.run(5);
        assertArrayEquals(new int[] {0x103, 0x104, 0x105, 0x106, 0x107},
                new int[] {c.gpr[3], c.gpr[4], c.gpr[5], c.gpr[6], c.gpr[7]});
    }

    @Test
    void userSprAliasesAreReadOnly() {
        c.msr = Msr.PR;
        rig.code(mtspr(260, 3));
        rig.run(1);
        assertPrivileged();
    }

    @Test
    void userModeMayUseUsprg0AndSpefscrAndReadL1cfg() {
        c.msr = Msr.PR;
        c.gpr[3] = 0x77;
        rig.code(mtspr(Sprs.USPRG0, 3), mfspr(4, Sprs.USPRG0), mtspr(Sprs.SPEFSCR, 3), mfspr(5, Sprs.SPEFSCR),
                mfspr(6, Sprs.L1CFG0));
        rig.run(5);
        assertEquals(CODE + 20, c.pc);
        assertEquals(0x77, c.gpr[4]);
        assertEquals(0x77, c.gpr[5]);
        assertEquals(0x3820, c.gpr[6]);
    }

    @Test
    void unknownPrivilegedNumberIsANoOpInSupervisorMode() {
        // 1016 = 0x3F8 has bit 4 set and is not an e500v2 SPR
        c.gpr[3] = 0x1234;
        rig.code(mfspr(3, 1016), mtspr(1016, 3));
        rig.run(2);
        assertEquals(CODE + 8, c.pc);
        assertEquals(0x1234, c.gpr[3]);
    }

    @Test
    void unknownSprInUserModeIsPrivileged() {
        c.msr = Msr.PR;
        rig.code(mfspr(3, 1016));
        rig.run(1);
        assertPrivileged();
        SystemTestRig r2 = new SystemTestRig();
        r2.cpu.msr = Msr.PR;
        r2.code(mtspr(2, 3));
        r2.run(1);
        assertEquals(Sprs.ESR_PPR, r2.cpu.spr[Sprs.ESR]);
    }

    @Test
    void unknownNonPrivilegedNumbersInSupervisorMode() {
        // QEMU: SPR 0 faults for both moves, SPRs 4-6 fault for mfspr, others are no-ops
        rig.code(mfspr(3, 2), mtspr(4, 3), mtspr(2, 3));
        rig.run(3);
        assertEquals(CODE + 12, c.pc);
        for (int word : new int[] {mfspr(3, 0), mtspr(0, 3), mfspr(3, 4), mfspr(3, 6)}) {
            SystemTestRig r = new SystemTestRig();
            r.code(word);
            r.run(1);
            assertEquals(vector(Ivor.PROGRAM), r.cpu.pc, Integer.toHexString(word));
            assertEquals(Sprs.ESR_PPR, r.cpu.spr[Sprs.ESR]);
        }
    }

    @Test
    void timeBaseReadableFromUserMode() {
        c.msr = Msr.PR;
        rig.code(mfspr(3, Sprs.TBL_READ), mfspr(4, Sprs.TBU_READ));
        rig.run(2);
        assertEquals(CODE + 8, c.pc);
    }

    @Test
    void mfsprWithRcSetIsIllegal() {
        rig.code(mfspr(3, Sprs.SPRG0) | 1);
        rig.run(1);
        assertEquals(vector(Ivor.PROGRAM), c.pc);
        assertEquals(Sprs.ESR_PIL, c.spr[Sprs.ESR]);
    }

    private void assertPrivileged() {
        assertEquals(vector(Ivor.PROGRAM), c.pc);
        assertEquals(Sprs.ESR_PPR, c.spr[Sprs.ESR]);
        assertEquals(CODE, c.spr[Sprs.SRR0]);
    }
}
