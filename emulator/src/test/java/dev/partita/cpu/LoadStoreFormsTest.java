package dev.partita.cpu;

import static dev.partita.cpu.SystemTestRig.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Integer loads and stores: D, update, indexed, byte-reversed and multiple forms, invalid forms. */
class LoadStoreFormsTest {
    final SystemTestRig rig = new SystemTestRig();
    final Cpu c = rig.cpu;

    @Test
    void encoderMatchesBinutils() {
        // words produced by powerpc-linux-gnu-as -me500x2
        assertEquals(0x7c642828, x(31, 3, 4, 5, 20)); // lwarx r3,r4,r5
        assertEquals(0x7c64292d, x(31, 3, 4, 5, 150) | 1); // stwcx. r3,r4,r5
        assertEquals(0x7c642c2c, x(31, 3, 4, 5, 534)); // lwbrx
        assertEquals(0x7c642aee, x(31, 3, 4, 5, 375)); // lhaux
        assertEquals(0x7c0327ec, x(31, 0, 3, 4, 1014)); // dcbz r3,r4
        assertEquals(0x7c6c42a6, mfspr(3, 268)); // "mftb r3" as e500 assembles it
    }

    @Test
    void dFormLoadsZeroAndSignExtend() {
        rig.at(0x3000, 0x8001F2A4, 0x7FFF0000);
        c.gpr[4] = 0x3000;
        rig.code(d(32, 5, 4, 0), d(34, 6, 4, 1), d(40, 7, 4, 0), d(42, 8, 4, 0), d(42, 9, 4, 4));
        rig.run(5);
        assertEquals(0x8001F2A4, c.gpr[5]); // lwz
        assertEquals(0x01, c.gpr[6]); // lbz
        assertEquals(0x8001, c.gpr[7]); // lhz zero-extends
        assertEquals(0xFFFF8001, c.gpr[8]); // lha sign-extends
        assertEquals(0x7FFF, c.gpr[9]);
        assertEquals(CODE + 20, c.pc);
    }

    @Test
    void rA0MeansZeroBase() {
        rig.at(0x10, 0xCAFEBABE);
        c.gpr[0] = 0x5000; // ignored: rA = 0 is the literal 0
        rig.code(d(32, 3, 0, 0x10));
        rig.run(1);
        assertEquals(0xCAFEBABE, c.gpr[3]);
    }

    @Test
    void updateFormsWriteEffectiveAddressToRA() {
        rig.at(0x3000, 0x11223344, 0x55667788, 0x99AABBCC);
        c.gpr[4] = 0x2FFC;
        c.gpr[10] = 0x3000;
        c.gpr[11] = 4;
        rig.code(
                d(33, 5, 4, 4), // lwzu r5,4(r4)    -> EA 0x3000
                d(35, 6, 4, 5), // lbzu r6,5(r4)    -> EA 0x3005
                d(41, 7, 4, -1), // lhzu r7,-1(r4)  -> EA 0x3004
                d(43, 8, 4, 4), // lhau r8,4(r4)    -> EA 0x3008
                x(31, 9, 10, 11, 55), // lwzux r9,r10,r11 -> EA 0x3004
                x(31, 12, 10, 11, 119), // lbzux r12,r10,r11 -> EA 0x3008
                x(31, 13, 10, 11, 311), // lhzux -> 0x300C
                x(31, 14, 10, 11, 375)); // lhaux -> 0x3010
        rig.run(8);
        assertEquals(0x11223344, c.gpr[5]);
        assertEquals(0x66, c.gpr[6]);
        assertEquals(0x5566, c.gpr[7]);
        assertEquals(0xFFFF99AA, c.gpr[8]);
        assertEquals(0x3008, c.gpr[4]);
        assertEquals(0x55667788, c.gpr[9]);
        assertEquals(0x99, c.gpr[12]);
        assertEquals(0, c.gpr[13]);
        assertEquals(0x3010, c.gpr[10]);
    }

    @Test
    void indexedLoads() {
        rig.at(0x3000, 0x8899AABB);
        c.gpr[4] = 0x2000;
        c.gpr[5] = 0x1000;
        rig.code(x(31, 6, 4, 5, 23), x(31, 7, 4, 5, 87), x(31, 8, 4, 5, 279), x(31, 9, 4, 5, 343),
                x(31, 10, 0, 4, 23) /* rA = 0: EA = r4 */);
        rig.at(0x2000, 0x01020304);
        rig.run(5);
        assertEquals(0x8899AABB, c.gpr[6]);
        assertEquals(0x88, c.gpr[7]);
        assertEquals(0x8899, c.gpr[8]);
        assertEquals(0xFFFF8899, c.gpr[9]);
        assertEquals(0x01020304, c.gpr[10]);
    }

    @Test
    void indexedFormsIgnoreBit31AsQemuDoes() {
        rig.at(0x3000, 0x12345678);
        c.gpr[4] = 0x3000;
        rig.code(x(31, 6, 0, 4, 23) | 1);
        rig.run(1);
        assertEquals(0x12345678, c.gpr[6]);
    }

    @Test
    void storesOfEachWidthAndUpdateForms() {
        c.gpr[3] = 0xA1B2C3D4;
        c.gpr[4] = 0x3000;
        c.gpr[5] = 0x3100;
        c.gpr[6] = 8;
        rig.code(
                d(36, 3, 4, 0), // stw
                d(38, 3, 4, 4), // stb -> D4 at 0x3004
                d(44, 3, 4, 6), // sth -> C3D4 at 0x3006
                d(37, 3, 5, 0x10), // stwu -> 0x3110, r5 = 0x3110
                d(39, 3, 5, 4), // stbu -> 0x3114
                d(45, 3, 5, 2), // sthu -> 0x3116
                x(31, 3, 5, 6, 183), // stwux -> 0x311E
                x(31, 3, 5, 6, 247), // stbux -> 0x3126
                x(31, 3, 5, 6, 439), // sthux -> 0x312E
                x(31, 3, 4, 6, 151), // stwx -> 0x3008
                x(31, 3, 4, 6, 215), // stbx -> 0x3008 (overwrites first byte)
                x(31, 3, 0, 4, 407)); // sthx rA=0 -> 0x3000
        rig.run(12);
        assertEquals(0xC3D4C3D4, rig.word(0x3000));
        assertEquals(0xD400C3D4, rig.word(0x3004));
        assertEquals(0xD4B2C3D4, rig.word(0x3008));
        assertEquals(0xA1B2C3D4, rig.word(0x3110));
        assertEquals(0xD4, rig.byteAt(0x3114));
        assertEquals(0xC3, rig.byteAt(0x3116));
        assertEquals(0xD4, rig.byteAt(0x3117));
        assertEquals(0xA1B2C3D4, rig.word(0x311E));
        assertEquals(0xD4, rig.byteAt(0x3126));
        assertEquals(0xC3, rig.byteAt(0x312E));
        assertEquals(0x312E, c.gpr[5]);
        assertEquals(0x3000, c.gpr[4]);
    }

    @Test
    void storeWithUpdateMayUseRSAsRA() {
        c.gpr[4] = 0x3000;
        rig.code(d(37, 4, 4, 8)); // stwu r4,8(r4): stores the old r4, then r4 = EA
        rig.run(1);
        assertEquals(0x3000, rig.word(0x3008));
        assertEquals(0x3008, c.gpr[4]);
    }

    @Test
    void loadWithUpdateAndRAEqualRDIsIllegal() {
        c.gpr[4] = 0x3000;
        rig.code(d(33, 4, 4, 0));
        rig.run(1);
        assertIllegal();
        assertEquals(0x3000, c.gpr[4]);
    }

    @Test
    void updateFormWithRA0IsIllegal() {
        for (int word : new int[] {d(33, 5, 0, 0), d(37, 5, 0, 0), x(31, 5, 0, 4, 55), x(31, 5, 0, 4, 183),
                d(35, 5, 0, 0), d(43, 5, 0, 0), d(45, 5, 0, 0)}) {
            SystemTestRig r = new SystemTestRig();
            r.code(word);
            r.run(1);
            assertEquals(SystemTestRig.vector(Ivor.PROGRAM), r.cpu.pc, Integer.toHexString(word));
            assertEquals(Sprs.ESR_PIL, r.cpu.spr[Sprs.ESR]);
        }
    }

    @Test
    void byteReversedLoadsAndStores() {
        rig.at(0x3000, 0x11223344);
        c.gpr[4] = 0x3000;
        c.gpr[5] = 0;
        c.gpr[6] = 0xAABBCCDD;
        c.gpr[7] = 0x10;
        rig.code(x(31, 8, 4, 5, 534), x(31, 9, 4, 5, 790), x(31, 6, 4, 7, 662), x(31, 6, 0, 4, 918));
        rig.run(4);
        assertEquals(0x44332211, c.gpr[8]);
        assertEquals(0x2211, c.gpr[9]);
        assertEquals(0xDDCCBBAA, rig.word(0x3010));
        assertEquals(0xDDCC3344, rig.word(0x3000));
    }

    @Test
    void byteReversedLoadWithRcSetIsIllegal() {
        c.gpr[4] = 0x3000;
        rig.code(x(31, 8, 4, 5, 534) | 1);
        rig.run(1);
        assertIllegal();
    }

    @Test
    void loadAndStoreMultiple() {
        rig.at(0x3000, 1, 2, 3);
        c.gpr[4] = 0x2FF0;
        rig.code(d(46, 29, 4, 0x10), d(47, 30, 0, 0x3100));
        rig.run(2);
        assertEquals(1, c.gpr[29]);
        assertEquals(2, c.gpr[30]);
        assertEquals(3, c.gpr[31]);
        assertEquals(2, rig.word(0x3100));
        assertEquals(3, rig.word(0x3104));
        assertEquals(0, rig.word(0x3108));
    }

    @Test
    void misalignedAccessesWork() {
        rig.at(0x3FFC, 0x01020304, 0x05060708); // crosses a 4 KiB page
        c.gpr[4] = 0x3FFE;
        c.gpr[5] = 0xCAFEF00D;
        rig.code(d(32, 6, 4, 0), d(40, 7, 4, 1), d(36, 5, 4, 0x101));
        rig.run(3);
        assertEquals(0x03040506, c.gpr[6]);
        assertEquals(0x0405, c.gpr[7]);
        assertEquals(0xCAFEF00D, (rig.byteAt(0x40FF) << 24 | rig.byteAt(0x4100) << 16 | rig.byteAt(0x4101) << 8
                | rig.byteAt(0x4102)));
    }

    @Test
    void floatingPointAndStringLoadsAreIllegalOnE500v2() {
        for (int word : new int[] {d(48, 1, 0, 0x3000) /* lfs */, d(50, 1, 0, 0x3000) /* lfd */,
                d(54, 1, 0, 0x3000) /* stfd */, x(31, 1, 0, 4, 599) /* lfdx */,
                x(31, 3, 4, 4, 597) /* lswi */, x(31, 3, 4, 4, 725) /* stswi */}) {
            SystemTestRig r = new SystemTestRig();
            r.code(word);
            r.run(1);
            assertEquals(SystemTestRig.vector(Ivor.PROGRAM), r.cpu.pc, Integer.toHexString(word));
            assertEquals(Sprs.ESR_PIL, r.cpu.spr[Sprs.ESR]);
        }
    }

    private void assertIllegal() {
        assertEquals(vector(Ivor.PROGRAM), c.pc);
        assertEquals(Sprs.ESR_PIL, c.spr[Sprs.ESR]);
        assertEquals(CODE, c.spr[Sprs.SRR0]);
    }
}
