package dev.partita.cpu;

import static dev.partita.cpu.AluAsm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Compares, CR logical operations, CR moves and isel. */
class AluCompareCrTest {
    private static int cmpX(int xo, int bf, int ra, int rb) {
        return x(31, xo, bf << 2, ra, rb, 0);
    }

    @Test
    void signedAndUnsignedCompares() {
        Cpu c = cpu();
        c.gpr[3] = -1;
        c.gpr[4] = 1;
        exec(c, cmpX(0, 1, 3, 4));
        assertEquals(LT, crField(c, 1), "cmp: -1 < 1");
        exec(c, cmpX(32, 2, 3, 4));
        assertEquals(GT, crField(c, 2), "cmpl: 0xFFFFFFFF > 1");
        assertEquals(0, c.cr & 0xF00FFFFF, "other fields untouched");
        c.xerSo = 1;
        exec(c, cmpX(0, 7, 4, 4));
        assertEquals(EQ | SO, crField(c, 7), "SO is copied");
    }

    /** The CR field values of the ISA's compare definitions, on the values where signed and unsigned order differ. */
    @Test
    void compareValueFunctionsOnEdgeValues() {
        int[] v = {0, 1, -1, 2, -2, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE - 1, Integer.MIN_VALUE + 1,
                0x7FFF, 0x8000, 0xFFFF, 0x10000};
        for (int a : v) {
            for (int b : v) {
                for (int so = 0; so <= 1; so++) {
                    int s = Integer.compare(a, b), u = Integer.compareUnsigned(a, b);
                    assertEquals((s < 0 ? LT : s > 0 ? GT : EQ) | so, Alu.compareSigned(a, b, so), a + " cmp " + b);
                    assertEquals((u < 0 ? LT : u > 0 ? GT : EQ) | so, Alu.compareUnsigned(a, b, so), a + " cmpl " + b);
                }
            }
            assertEquals(a < 0 ? LT : a > 0 ? GT : EQ, Alu.cr0(a, 0), "cr0 of " + a);
            assertEquals((a < 0 ? LT : a > 0 ? GT : EQ) | SO, Alu.cr0(a, 1), "cr0 of " + a + " with SO");
        }
    }

    @Test
    void immediateCompares() {
        Cpu c = cpu();
        c.gpr[3] = -1;
        exec(c, d(11, 7 << 2, 3, -1));
        assertEquals(EQ, crField(c, 7), "cmpi cr7,r3,-1");
        c.gpr[3] = 0xFFFF;
        exec(c, d(10, 2 << 2, 3, 0xFFFF));
        assertEquals(EQ, crField(c, 2), "cmpli: UIMM is zero-extended");
        exec(c, d(11, 0, 3, 0xFFFF));
        assertEquals(GT, crField(c, 0), "cmpi: SIMM 0xFFFF is -1");
        c.gpr[3] = 0x80000000;
        exec(c, d(10, 3 << 2, 3, 1));
        assertEquals(GT, crField(c, 3));
        exec(c, d(11, 3 << 2, 3, 1));
        assertEquals(LT, crField(c, 3));
    }

    @Test
    void compareIgnoresReservedBitsButLOneIsIllegal() {
        Cpu c = cpu();
        c.gpr[3] = 1;
        c.gpr[4] = 2;
        exec(c, cmpX(0, 1, 3, 4) | 1 | 1 << 22);
        assertEquals(LT, crField(c, 1), "Rc and bit 9 are ignored");

        c = cpu();
        c.cr = 0x11111111;
        put(c, 0x1000, cmpX(0, 1, 3, 4) | 1 << 21);
        run(c, 0x1000, 1);
        assertEquals(0x700, c.pc, "cmp with L = 1: program interrupt");
        assertEquals(Sprs.ESR_PIL, c.spr[Sprs.ESR]);
        assertEquals(0x1000, c.spr[Sprs.SRR0]);
        assertEquals(0x11111111, c.cr);

        put(c, 0x1000, d(11, 1 << 2 | 1, 3, 5));
        run(c, 0x1000, 1);
        assertEquals(0x700, c.pc, "cmpi with L = 1: program interrupt");
        assertEquals(0x11111111, c.cr);
    }

    private static int crOp(int xo, int bt, int ba, int bb) {
        return x(19, xo, bt, ba, bb, 0);
    }

    @Test
    void crLogical() {
        Cpu c = cpu();
        c.cr = 0xA0000000; // CR0 = LT and EQ
        exec(c, crOp(257, 5, 0, 2));
        assertEquals(0xA4000000, c.cr, "crand 5,0,2");
        exec(c, crOp(257, 5, 0, 1));
        assertEquals(0xA0000000, c.cr, "crand 5,0,1");
        exec(c, crOp(449, 31, 0, 1));
        assertEquals(0xA0000001, c.cr, "cror 31,0,1");
        exec(c, crOp(449, 31, 1, 3));
        assertEquals(0xA0000000, c.cr, "cror 31,1,3");
        c.cr = 0x02000000;
        exec(c, crOp(193, 6, 6, 6));
        assertEquals(0, c.cr, "crxor 6,6,6 (crclr)");
        exec(c, crOp(289, 6, 6, 6));
        assertEquals(0x02000000, c.cr, "creqv 6,6,6 (crset)");
        c.cr = 0xA0000000;
        exec(c, crOp(225, 0, 0, 2));
        assertEquals(0x20000000, c.cr, "crnand 0,0,2");
        exec(c, crOp(33, 1, 1, 3));
        assertEquals(0x60000000, c.cr, "crnor 1,1,3");
        c.cr = 0x80000000;
        exec(c, crOp(129, 4, 0, 1));
        assertEquals(0x88000000, c.cr, "crandc 4,0,1");
        exec(c, crOp(417, 4, 1, 0));
        assertEquals(0x80000000, c.cr, "crorc 4,1,0");
        exec(c, crOp(417, 9, 1, 2));
        assertEquals(0x80400000, c.cr, "crorc 9,1,2");
    }

    @Test
    void crLogicalWithBit31SetIsIllegal() {
        Cpu c = cpu();
        put(c, 0x1000, crOp(193, 6, 6, 6) | 1);
        c.cr = 0x02000000;
        run(c, 0x1000, 1);
        assertEquals(0x700, c.pc);
        assertEquals(0x02000000, c.cr);
    }

    @Test
    void mcrfAndMcrxr() {
        Cpu c = cpu();
        c.cr = 0x0000000B;
        exec(c, x(19, 0, 1 << 2, 7 << 2, 0, 0));
        assertEquals(0x0B00000B, c.cr, "mcrf cr1,cr7");

        c = cpu();
        c.setXer(0xA0000045); // SO, CA, byte count 0x45
        c.cr = 0xFFFFFFFF;
        exec(c, x(31, 512, 3 << 2, 0, 0, 0));
        assertEquals(0xA, crField(c, 3), "SO OV CA 0");
        assertEquals(0xFFF0FFFF | 0xA << 16, c.cr);
        assertEquals(0x00000045, c.xer(), "SO, OV and CA cleared, byte count kept");
    }

    private static int crmForm(int xo, int rs, int crm, boolean one) {
        return 31 << 26 | rs << 21 | (one ? 1 << 20 : 0) | crm << 12 | xo << 1;
    }

    @Test
    void mfcrAndMfocrf() {
        Cpu c = cpu();
        c.cr = 0x12345678;
        exec(c, crmForm(19, 3, 0, false));
        assertEquals(0x12345678, c.gpr[3], "mfcr");
        exec(c, crmForm(19, 3, 0x80, true));
        assertEquals(0x10000000, c.gpr[3], "mfocrf CR0");
        exec(c, crmForm(19, 3, 0x01, true));
        assertEquals(0x00000008, c.gpr[3], "mfocrf CR7");
        c.gpr[3] = 0xDEAD;
        exec(c, crmForm(19, 3, 0x03, true));
        assertEquals(0xDEAD, c.gpr[3], "mfocrf with two CRM bits leaves rD (QEMU)");
    }

    @Test
    void mtcrfAndMtocrf() {
        Cpu c = cpu();
        c.gpr[3] = 0x12345678;
        exec(c, crmForm(144, 3, 0xFF, false));
        assertEquals(0x12345678, c.cr, "mtcrf 0xff");
        c.cr = 0;
        exec(c, crmForm(144, 3, 0x81, false));
        assertEquals(0x10000008, c.cr, "mtcrf 0x81: CR0 and CR7");
        c.cr = 0;
        exec(c, crmForm(144, 3, 0, false));
        assertEquals(0, c.cr, "mtcrf 0");
        exec(c, crmForm(144, 3, 0x10, true));
        assertEquals(0x00040000, c.cr, "mtocrf CR3");
        exec(c, crmForm(144, 3, 0x11, true));
        assertEquals(0x00040000, c.cr, "mtocrf with two CRM bits changes nothing (QEMU)");
    }

    @Test
    void isel() {
        Cpu c = cpu();
        c.gpr[4] = 44;
        c.gpr[5] = 55;
        c.gpr[0] = 99;
        c.cr = 0x20000000; // CR0[EQ]
        exec(c, x(31, 2 << 5 | 15, 3, 4, 5, 0));
        assertEquals(44, c.gpr[3], "bit set: rA");
        exec(c, x(31, 3 << 5 | 15, 3, 4, 5, 0));
        assertEquals(55, c.gpr[3], "bit clear: rB");
        exec(c, x(31, 2 << 5 | 15, 3, 0, 5, 0));
        assertEquals(0, c.gpr[3], "rA = 0 means 0");
        c.cr = 1;
        exec(c, x(31, 31 << 5 | 15, 3, 4, 5, 0));
        assertEquals(44, c.gpr[3], "CR bit 31");
    }
}
