package dev.partita.cpu;

import static dev.partita.cpu.SystemTestRig.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** MSR moves, rfi family, sc, traps, cache and sync instructions, privilege and illegal encodings, SPE gate. */
class SystemInstructionsTest {
    final SystemTestRig rig = new SystemTestRig();
    final Cpu c = rig.cpu;

    private void assertProgram(int esr, int srr0) {
        assertEquals(vector(Ivor.PROGRAM), c.pc);
        assertEquals(esr, c.spr[Sprs.ESR]);
        assertEquals(srr0, c.spr[Sprs.SRR0]);
    }

    @Test
    void mtmsrAndMfmsrRoundTripImplementedBits() {
        int bits = Msr.EE | Msr.ME | Msr.CE | Msr.DE | Msr.FP | Msr.SPE | Msr.UCLE | Msr.FE0 | Msr.FE1;
        c.gpr[3] = bits | Msr.RI | 0x00000001; // RI and bit 63 are not implemented on the e500v2
        rig.code(MTMSR_R3, x(31, 4, 0, 0, 83));
        rig.run(2);
        assertEquals(bits, c.msr);
        assertEquals(bits, c.gpr[4]);
        assertEquals(CODE + 8, c.pc);
    }

    @Test
    void mtmsrWithLSetChangesOnlyEe() {
        c.msr = Msr.ME;
        c.gpr[3] = Msr.EE | Msr.PR | Msr.IS;
        rig.code(MTMSR_R3 | 0x00010000);
        rig.run(1);
        assertEquals(Msr.ME | Msr.EE, c.msr);
    }

    @Test
    void wrteeAndWrteei() {
        c.msr = Msr.ME;
        c.gpr[5] = 0xFFFFFFFF;
        rig.code(x(31, 5, 0, 0, 131), 0x7C000146 /* wrteei 0 */, 0x7C008146 /* wrteei 1 */);
        rig.run(1);
        assertEquals(Msr.ME | Msr.EE, c.msr);
        rig.run(1);
        assertEquals(Msr.ME, c.msr);
        rig.run(1);
        assertEquals(Msr.ME | Msr.EE, c.msr);
        assertEquals(CODE + 12, c.pc);
    }

    @Test
    void settingEeEndsTheSliceSoInterruptsCanBeTaken() {
        c.gpr[3] = Msr.EE;
        rig.code(MTMSR_R3, addi(4, 0, 1), addi(4, 0, 2));
        c.sliceEnd = c.icount + 3;
        new Interpreter().run(c);
        assertEquals(1, c.icount);
        assertEquals(CODE + 4, c.pc);
    }

    @Test
    void rfiRestoresPcAndMsr() {
        c.msr = Msr.ME;
        c.spr[Sprs.SRR0] = 0x2003; // low bits are dropped
        c.spr[Sprs.SRR1] = Msr.PR | Msr.EE | Msr.ME;
        rig.code(RFI);
        rig.at(0x2000, addi(7, 0, 5));
        rig.run(2);
        assertEquals(Msr.PR | Msr.EE | Msr.ME, c.msr);
        assertEquals(5, c.gpr[7]);
        assertEquals(0x2004, c.pc);
    }

    @Test
    void rfciAndRfdiUseTheirOwnSaveRestorePairs() {
        c.spr[Sprs.CSRR0] = 0x2000;
        c.spr[Sprs.CSRR1] = Msr.CE | Msr.ME;
        c.spr[Sprs.SRR0] = 0x9999;
        rig.code(RFCI);
        rig.run(1);
        assertEquals(0x2000, c.pc);
        assertEquals(Msr.CE | Msr.ME, c.msr);

        SystemTestRig r2 = new SystemTestRig();
        r2.cpu.spr[Sprs.DSRR0] = 0x2400;
        r2.cpu.spr[Sprs.DSRR1] = Msr.DE;
        r2.code(RFDI);
        r2.run(1);
        assertEquals(0x2400, r2.cpu.pc);
        assertEquals(Msr.DE, r2.cpu.msr);
    }

    @Test
    void rfmciReturnsThroughMcsrr() {
        // e500v2 has rfmci (QEMU 7.2 does not accept it); it restores MCSRR0/MCSRR1
        c.spr[Sprs.MCSRR0] = 0x2800;
        c.spr[Sprs.MCSRR1] = Msr.ME | Msr.EE;
        rig.code(0x4C00004C);
        rig.run(1);
        assertEquals(0x2800, c.pc);
        assertEquals(Msr.ME | Msr.EE, c.msr);
    }

    @Test
    void scSavesNextInstructionAndKeepsEsr() {
        c.msr = Msr.PR | Msr.EE | Msr.ME | Msr.CE | Msr.DE | Msr.IS | Msr.DS | Msr.FP;
        c.spr[Sprs.ESR] = 0x00000800;
        rig.code(addi(3, 0, 1), SC);
        rig.run(2);
        assertEquals(vector(Ivor.SYSTEM_CALL), c.pc);
        assertEquals(CODE + 8, c.spr[Sprs.SRR0]);
        assertEquals(Msr.PR | Msr.EE | Msr.ME | Msr.CE | Msr.DE | Msr.IS | Msr.DS | Msr.FP, c.spr[Sprs.SRR1]);
        assertEquals(Msr.ME | Msr.CE | Msr.DE, c.msr);
        assertEquals(0x00000800, c.spr[Sprs.ESR]);
    }

    @Test
    void scIgnoresLev() {
        rig.code(SC | 0x20 | 0xFC0);
        rig.run(1);
        assertEquals(vector(Ivor.SYSTEM_CALL), c.pc);
    }

    @Test
    void trapAlways() {
        rig.code(addi(3, 0, 1), x(31, 31, 0, 0, 4)); // tw 31,0,0 ("trap")
        rig.run(2);
        assertProgram(Sprs.ESR_PTR, CODE + 4);
    }

    @Test
    void trapConditions() {
        c.gpr[3] = -1;
        c.gpr[4] = 1;
        rig.code(
                x(31, 8, 3, 4, 4), // tw gt: -1 > 1 signed? no
                x(31, 2, 3, 4, 4), // tw llt: 0xFFFFFFFF < 1 unsigned? no
                d(3, 4, 4, 2), // twi eq: 1 == 2? no
                x(31, 1, 3, 4, 4)); // tw lgt: 0xFFFFFFFF > 1 unsigned: trap
        rig.run(4);
        assertProgram(Sprs.ESR_PTR, CODE + 12);

        SystemTestRig r2 = new SystemTestRig();
        r2.cpu.gpr[3] = -5;
        r2.code(d(3, 16, 3, -4)); // twi lt: -5 < -4 signed: trap
        r2.run(1);
        assertEquals(vector(Ivor.PROGRAM), r2.cpu.pc);
        assertEquals(Sprs.ESR_PTR, r2.cpu.spr[Sprs.ESR]);
    }

    @Test
    void privilegedInstructionsInUserMode() {
        int[] words = {MFMSR_R3, MTMSR_R3, x(31, 3, 0, 0, 131) /* wrtee */, 0x7C008146, RFI, RFCI, RFDI,
                0x7C0007A4 /* tlbwe */, 0x7C000764 /* tlbre */, 0x7C032724 /* tlbsx */, 0x7C032624 /* tlbivax */,
                0x7C00046C /* tlbsync */, 0x7C0323AC /* dcbi */};
        for (int word : words) {
            SystemTestRig r = new SystemTestRig();
            r.cpu.msr = Msr.PR | Msr.EE | Msr.ME;
            r.code(word);
            r.run(1);
            assertEquals(vector(Ivor.PROGRAM), r.cpu.pc, Integer.toHexString(word));
            assertEquals(Sprs.ESR_PPR, r.cpu.spr[Sprs.ESR]);
            assertEquals(CODE, r.cpu.spr[Sprs.SRR0]);
            // Book E saves the MSR unchanged (QEMU 7.2 would OR 0x40000 into SRR1)
            assertEquals(Msr.PR | Msr.EE | Msr.ME, r.cpu.spr[Sprs.SRR1]);
            assertEquals(Msr.ME, r.cpu.msr);
        }
    }

    @Test
    void illegalEncodings() {
        int[] words = {
            0x00000000,
            0xFC00202A, // fadd: no classic FPU on the e500v2
            0x7C6C42E6, // mftb r3 (the PPC_MFTB encoding): QEMU's e500v2 rejects it
            0x7C70029C, // mfpmr
            0x7C0323CC, // icbtls
            0x7C03210C, // dcbtstls
            0x7C0321CC, // icblc
            0x7C0006AC | 0x1, // mbar with Rc
            0x7C0004AC | 3 << 16, // sync with rA bits set
            0x7C6000A6 | 4 << 11, // mfmsr with rB set
            0x7C032624 | 0x1, // tlbivax with Rc
            0x7C23202C, // icbt with CT = 1 (QEMU accepts only CT = 0)
        };
        for (int word : words) {
            SystemTestRig r = new SystemTestRig();
            r.code(word);
            r.run(1);
            assertEquals(vector(Ivor.PROGRAM), r.cpu.pc, Integer.toHexString(word));
            assertEquals(Sprs.ESR_PIL, r.cpu.spr[Sprs.ESR], Integer.toHexString(word));
        }
    }

    @Test
    void illegalBeatsPrivileged() {
        c.msr = Msr.PR;
        rig.code(RFI | 1 << 21); // reserved bit set: illegal even in user mode
        rig.run(1);
        assertProgram(Sprs.ESR_PIL, CODE);
    }

    @Test
    void syncBarriersAndCacheHintsAreNoOps() {
        c.gpr[4] = 0x3000;
        c.msr = Msr.PR;
        rig.code(0x7C0004AC /* msync */, 0x7C2004AC /* lwsync form */, 0x4C00012C /* isync */,
                0x7C0006AC /* mbar */, 0x7C2006AC /* mbar 1 */, 0x7C03222C /* dcbt */, 0x7C0321EC /* dcbtst */,
                0x7C0325EC /* dcba */, 0x7C03202C /* icbt */, 0x7C03230C /* dcblc */, 0x7C0320AC /* dcbf */,
                0x7C03206C /* dcbst */, 0x7C0327AC /* icbi */);
        rig.run(13);
        assertEquals(CODE + 52, c.pc);
    }

    @Test
    void dcbiInSupervisorModeKeepsMemory() {
        rig.at(0x3000, 0x12345678);
        c.gpr[4] = 0x3001;
        rig.code(x(31, 0, 0, 4, 470));
        rig.run(1);
        assertEquals(CODE + 4, c.pc);
        assertEquals(0x12345678, rig.word(0x3000));
    }

    @Test
    void dcbtlsReportsUnableToLock() {
        c.gpr[4] = 0x3000;
        rig.code(0x7C03214C);
        rig.run(1);
        assertEquals(Sprs.L1CSR_UL, c.spr[Sprs.L1CSR0] & Sprs.L1CSR_UL);
    }

    @Test
    void speInstructionWithSpeDisabledRaisesSpeUnavailable() {
        c.msr = Msr.EE | Msr.ME;
        rig.code(0x10642A00); // evaddw r3,r4,r5
        rig.run(1);
        assertEquals(vector(Ivor.SPE_UNAVAILABLE), c.pc);
        assertEquals(Sprs.ESR_SPV, c.spr[Sprs.ESR]);
        assertEquals(CODE, c.spr[Sprs.SRR0]);
        assertEquals(Msr.EE | Msr.ME, c.spr[Sprs.SRR1]);
        assertEquals(Msr.ME, c.msr);
    }

    @Test
    void speVectorLoadWithSpeDisabledRaisesSpeUnavailable() {
        rig.code(x(4, 3, 4, 0, 0x300 >> 1)); // evldd r3,0(r4)
        rig.run(1);
        assertEquals(vector(Ivor.SPE_UNAVAILABLE), c.pc);
    }

    @Test
    void speNotYetImplementedIsIllegalWhenEnabled() {
        c.msr = Msr.SPE;
        rig.code(0x10642A00);
        rig.run(1);
        assertProgram(Sprs.ESR_PIL, CODE);
    }

    @Test
    void scalarSinglePrecisionDoesNotNeedMsrSpe() {
        rig.code(0x10642AC0); // efsadd: QEMU executes it whatever MSR[SPE]; not implemented yet -> illegal
        rig.run(1);
        assertProgram(Sprs.ESR_PIL, CODE);
    }

    @Test
    void undefinedOrReservedSpeEncodingsAreIllegal() {
        for (int word : new int[] {0x10000201 /* evaddw's Rc = 1 half is undefined */,
                0x10642A08 | 0x1 /* xo 0x209 evneg with rB set: reserved */, 0x10000642 /* xo 0x642 */}) {
            SystemTestRig r = new SystemTestRig();
            r.code(word);
            r.run(1);
            assertEquals(vector(Ivor.PROGRAM), r.cpu.pc, Integer.toHexString(word));
            assertEquals(Sprs.ESR_PIL, r.cpu.spr[Sprs.ESR]);
        }
    }
}
