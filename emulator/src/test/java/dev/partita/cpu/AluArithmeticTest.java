package dev.partita.cpu;

import static dev.partita.cpu.AluAsm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Integer add, subtract, multiply and divide: results, XER[CA], XER[OV] and the sticky XER[SO] for
 * the "o" forms, CR0 for the "." forms (Book E / e500 definitions; undefined divide results as QEMU 7.2).
 */
class AluArithmeticTest {
    private static final int ADD = 266, ADDC = 10, ADDE = 138, ADDME = 234, ADDZE = 202;
    private static final int SUBF = 40, SUBFC = 8, SUBFE = 136, SUBFME = 232, SUBFZE = 200, NEG = 104;
    private static final int MULHW = 75, MULHWU = 11, MULLW = 235, DIVW = 491, DIVWU = 459;

    /**
     * Runs XO-form {@code xo} as r3 = op(r4, r5) (or op(r4) with a zero rB field for the one-operand
     * forms) with the given OE/RC flags and XER[CA].
     */
    private static Cpu xo3(int xo, int a, int b, int flags, int ca) {
        Cpu c = cpu();
        c.gpr[4] = a;
        c.gpr[5] = b;
        c.xerCa = ca;
        boolean noRb = xo == ADDME || xo == ADDZE || xo == SUBFME || xo == SUBFZE || xo == NEG;
        return exec(c, AluAsm.xo(xo, 3, 4, noRb ? 0 : 5, flags));
    }

    private static void assertXer(Cpu c, int so, int ov, int ca) {
        assertEquals(so, c.xerSo, "SO");
        assertEquals(ov, c.xerOv, "OV");
        assertEquals(ca, c.xerCa, "CA");
    }

    // ---- add ----

    @Test
    void addoSetsOverflowAndStickySoAndCr0() {
        Cpu c = xo3(ADD, 0x7FFFFFFF, 1, OE | RC, 0);
        assertEquals(0x80000000, c.gpr[3]);
        assertXer(c, 1, 1, 0);
        assertEquals(LT | SO, crField(c, 0));
    }

    @Test
    void addoWithoutOverflowClearsOvButKeepsSo() {
        Cpu c = cpu();
        c.gpr[4] = 2;
        c.gpr[5] = 3;
        c.xerSo = 1;
        c.xerOv = 1;
        exec(c, AluAsm.xo(ADD, 3, 4, 5, OE | RC));
        assertEquals(5, c.gpr[3]);
        assertXer(c, 1, 0, 0);
        assertEquals(GT | SO, crField(c, 0));
    }

    @Test
    void plainAddLeavesXerAndCrAlone() {
        Cpu c = cpu();
        c.gpr[4] = 0x7FFFFFFF;
        c.gpr[5] = 1;
        c.xerOv = 1;
        c.cr = 0x12345678;
        exec(c, AluAsm.xo(ADD, 3, 4, 5, 0));
        assertEquals(0x80000000, c.gpr[3]);
        assertXer(c, 0, 1, 0);
        assertEquals(0x12345678, c.cr);
    }

    @Test
    void addDotZeroWithSoSet() {
        Cpu c = cpu();
        c.gpr[4] = 5;
        c.gpr[5] = -5;
        c.xerSo = 1;
        exec(c, AluAsm.xo(ADD, 3, 4, 5, RC));
        assertEquals(EQ | SO, crField(c, 0));
        assertEquals(0, c.cr & 0x0FFFFFFF, "only CR0 changes");
    }

    @Test
    void addUsesR0AsARegister() {
        Cpu c = cpu();
        c.gpr[0] = 40;
        c.gpr[5] = 2;
        exec(c, AluAsm.xo(ADD, 3, 0, 5, 0));
        assertEquals(42, c.gpr[3]);
    }

    @Test
    void addcCarry() {
        Cpu c = xo3(ADDC, 0xFFFFFFFF, 1, OE | RC, 0);
        assertEquals(0, c.gpr[3]);
        assertXer(c, 0, 0, 1);
        assertEquals(EQ, crField(c, 0));

        c = xo3(ADDC, 0x80000000, 0x80000000, OE, 0);
        assertEquals(0, c.gpr[3]);
        assertXer(c, 1, 1, 1);

        c = xo3(ADDC, 1, 2, 0, 1);
        assertEquals(3, c.gpr[3]);
        assertEquals(0, c.xerCa, "no carry clears CA");
    }

    @Test
    void addeUsesAndProducesCarry() {
        Cpu c = xo3(ADDE, 0xFFFFFFFF, 0, 0, 1);
        assertEquals(0, c.gpr[3]);
        assertEquals(1, c.xerCa);

        c = xo3(ADDE, 0x7FFFFFFF, 0, OE, 1);
        assertEquals(0x80000000, c.gpr[3]);
        assertXer(c, 1, 1, 0);

        c = xo3(ADDE, 5, 6, 0, 0);
        assertEquals(11, c.gpr[3]);
        assertEquals(0, c.xerCa);

        c = xo3(ADDE, 0xFFFFFFFF, 0xFFFFFFFF, 0, 1);
        assertEquals(0xFFFFFFFF, c.gpr[3]);
        assertEquals(1, c.xerCa);
    }

    @Test
    void addmeAndAddze() {
        Cpu c = xo3(ADDME, 0, 0, 0, 0);
        assertEquals(0xFFFFFFFF, c.gpr[3]);
        assertEquals(0, c.xerCa);
        c = xo3(ADDME, 0, 0, 0, 1);
        assertEquals(0, c.gpr[3]);
        assertEquals(1, c.xerCa);
        c = xo3(ADDME, 0x80000000, 0, OE, 0);
        assertEquals(0x7FFFFFFF, c.gpr[3]);
        assertXer(c, 1, 1, 1);

        c = xo3(ADDZE, 0xFFFFFFFF, 0, 0, 1);
        assertEquals(0, c.gpr[3]);
        assertEquals(1, c.xerCa);
        c = xo3(ADDZE, 0x7FFFFFFF, 0, OE | RC, 1);
        assertEquals(0x80000000, c.gpr[3]);
        assertXer(c, 1, 1, 0);
        assertEquals(LT | SO, crField(c, 0));
        c = xo3(ADDZE, 7, 0, 0, 0);
        assertEquals(7, c.gpr[3]);
    }

    @Test
    void addiAndAddisTreatRa0AsZero() {
        Cpu c = cpu();
        c.gpr[0] = 5;
        exec(c, d(14, 3, 0, 7));
        assertEquals(7, c.gpr[3], "addi r3,0,7");
        exec(c, d(14, 3, 1, -16));
        assertEquals(-16, c.gpr[3], "r1 is 0");
        c.gpr[1] = 0x1000;
        exec(c, d(14, 3, 1, -16));
        assertEquals(0xFF0, c.gpr[3]);
        exec(c, d(15, 3, 0, 0x1234));
        assertEquals(0x12340000, c.gpr[3], "lis");
        c.gpr[4] = 0x10000;
        exec(c, d(15, 3, 4, -1));
        assertEquals(0, c.gpr[3], "addis r3,r4,-1");
        assertEquals(0, c.xerCa, "addi/addis never touch CA");
    }

    @Test
    void addicAndAddicDot() {
        Cpu c = cpu();
        c.gpr[4] = 0xFFFFFFFF;
        exec(c, d(12, 3, 4, 1));
        assertEquals(0, c.gpr[3]);
        assertEquals(1, c.xerCa);
        assertEquals(0, c.cr, "addic does not set CR0");

        c.gpr[4] = 0;
        exec(c, d(13, 3, 4, -1));
        assertEquals(0xFFFFFFFF, c.gpr[3]);
        assertEquals(0, c.xerCa);
        assertEquals(LT, crField(c, 0), "addic. sets CR0");

        c.gpr[4] = 7;
        exec(c, d(12, 3, 4, -1));
        assertEquals(6, c.gpr[3]);
        assertEquals(1, c.xerCa, "adding 0xFFFFFFFF to a non-zero value carries");

        c.gpr[0] = 5;
        exec(c, d(12, 3, 0, 1));
        assertEquals(6, c.gpr[3], "addic uses r0, not 0");
    }

    // ---- subtract ----

    @Test
    void subf() {
        Cpu c = xo3(SUBF, 3, 10, 0, 0);
        assertEquals(7, c.gpr[3], "rD = rB - rA");
        c = xo3(SUBF, 1, 0x80000000, OE, 0);
        assertEquals(0x7FFFFFFF, c.gpr[3]);
        assertXer(c, 1, 1, 0);
        c = xo3(SUBF, 0x80000000, 0, OE, 0);
        assertEquals(0x80000000, c.gpr[3]);
        assertEquals(1, c.xerOv, "0 - MIN overflows");
        c = xo3(SUBF, 9, 9, OE | RC, 1);
        assertXer(c, 0, 0, 1);
        assertEquals(EQ, crField(c, 0));
    }

    @Test
    void subfcCarryIsNotBorrow() {
        Cpu c = xo3(SUBFC, 1, 0, 0, 1);
        assertEquals(0xFFFFFFFF, c.gpr[3]);
        assertEquals(0, c.xerCa, "borrow");
        c = xo3(SUBFC, 0, 0, 0, 0);
        assertEquals(1, c.xerCa);
        c = xo3(SUBFC, 5, 5, 0, 0);
        assertEquals(1, c.xerCa);
        c = xo3(SUBFC, 6, 5, 0, 1);
        assertEquals(0, c.xerCa);
        c = xo3(SUBFC, 0x80000000, 1, OE, 0);
        assertEquals(0x80000001, c.gpr[3]);
        assertXer(c, 1, 1, 0);
    }

    @Test
    void subfeSubfmeSubfze() {
        Cpu c = xo3(SUBFE, 5, 10, 0, 1);
        assertEquals(5, c.gpr[3]);
        assertEquals(1, c.xerCa);
        c = xo3(SUBFE, 5, 10, 0, 0);
        assertEquals(4, c.gpr[3]);
        assertEquals(1, c.xerCa);
        c = xo3(SUBFE, 10, 5, 0, 1);
        assertEquals(-5, c.gpr[3]);
        assertEquals(0, c.xerCa);

        c = xo3(SUBFME, 0, 0, 0, 1);
        assertEquals(0xFFFFFFFF, c.gpr[3]);
        assertEquals(1, c.xerCa);
        c = xo3(SUBFME, 0xFFFFFFFF, 0, 0, 0);
        assertEquals(0xFFFFFFFF, c.gpr[3]);
        assertEquals(0, c.xerCa);
        c = xo3(SUBFME, 0x7FFFFFFF, 0, OE, 0);
        assertEquals(0x7FFFFFFF, c.gpr[3]);
        assertXer(c, 1, 1, 1);

        c = xo3(SUBFZE, 0, 0, 0, 1);
        assertEquals(0, c.gpr[3]);
        assertEquals(1, c.xerCa);
        c = xo3(SUBFZE, 1, 0, RC, 1);
        assertEquals(0xFFFFFFFF, c.gpr[3]);
        assertEquals(0, c.xerCa);
        assertEquals(LT, crField(c, 0));
        c = xo3(SUBFZE, 0x80000000, 0, OE, 1);
        assertEquals(0x80000000, c.gpr[3]);
        assertXer(c, 1, 1, 0);
    }

    @Test
    void subfic() {
        Cpu c = cpu();
        c.gpr[4] = 3;
        exec(c, d(8, 3, 4, 10));
        assertEquals(7, c.gpr[3]);
        assertEquals(1, c.xerCa);
        c.gpr[4] = 10;
        exec(c, d(8, 3, 4, 3));
        assertEquals(-7, c.gpr[3]);
        assertEquals(0, c.xerCa);
        c.gpr[4] = 0;
        exec(c, d(8, 3, 4, 0));
        assertEquals(0, c.gpr[3]);
        assertEquals(1, c.xerCa);
        c.gpr[4] = 5;
        exec(c, d(8, 3, 4, -1));
        assertEquals(0xFFFFFFFA, c.gpr[3]);
        assertEquals(1, c.xerCa, "the immediate is sign-extended before the unsigned compare");
    }

    @Test
    void neg() {
        Cpu c = xo3(NEG, 5, 0, 0, 1);
        assertEquals(-5, c.gpr[3]);
        assertEquals(1, c.xerCa, "neg leaves CA alone");
        c = xo3(NEG, 0x80000000, 0, OE | RC, 0);
        assertEquals(0x80000000, c.gpr[3]);
        assertXer(c, 1, 1, 0);
        assertEquals(LT | SO, crField(c, 0));
        c = xo3(NEG, 0, 0, OE | RC, 0);
        assertXer(c, 0, 0, 0);
        assertEquals(EQ, crField(c, 0));
    }

    // ---- multiply ----

    @Test
    void mulhwSignedAndUnsigned() {
        assertEquals(0xFFFFFFFF, xo3(MULHW, 0x80000000, 2, 0, 0).gpr[3]);
        assertEquals(1, xo3(MULHWU, 0x80000000, 2, 0, 0).gpr[3]);
        assertEquals(0, xo3(MULHW, -1, -1, 0, 0).gpr[3]);
        assertEquals(0xFFFFFFFE, xo3(MULHWU, -1, -1, 0, 0).gpr[3]);
        assertEquals(0x40000000, xo3(MULHW, 0x80000000, 0x80000000, 0, 0).gpr[3]);
        Cpu c = xo3(MULHW, 3, 4, RC, 0);
        assertEquals(0, c.gpr[3]);
        assertEquals(EQ, crField(c, 0));
    }

    @Test
    void mulliAndMullw() {
        Cpu c = cpu();
        c.gpr[4] = -3;
        exec(c, d(7, 3, 4, 7));
        assertEquals(-21, c.gpr[3]);

        c = xo3(MULLW, 0x10000, 0x10000, OE | RC, 0);
        assertEquals(0, c.gpr[3]);
        assertXer(c, 1, 1, 0);
        assertEquals(EQ | SO, crField(c, 0));

        c = xo3(MULLW, 65536, 32768, OE, 0);
        assertEquals(0x80000000, c.gpr[3]);
        assertEquals(1, c.xerOv, "2^31 does not fit");
        c = xo3(MULLW, -65536, 32768, OE, 0);
        assertEquals(0x80000000, c.gpr[3]);
        assertEquals(0, c.xerOv, "-2^31 fits");
        c = xo3(MULLW, -2, 3, OE, 0);
        assertEquals(-6, c.gpr[3]);
        assertEquals(0, c.xerOv);
        c = xo3(MULLW, 0x10000, 0x10000, 0, 0);
        assertXer(c, 0, 0, 0);
    }

    // ---- divide ----

    @Test
    void divwTruncatesTowardZero() {
        assertEquals(3, xo3(DIVW, 7, 2, 0, 0).gpr[3]);
        assertEquals(-3, xo3(DIVW, -7, 2, 0, 0).gpr[3]);
        assertEquals(-3, xo3(DIVW, 7, -2, 0, 0).gpr[3]);
        Cpu c = xo3(DIVW, 100, 10, OE | RC, 0);
        assertEquals(10, c.gpr[3]);
        assertXer(c, 0, 0, 0);
        assertEquals(GT, crField(c, 0));
    }

    @Test
    void divwUndefinedCasesFollowQemu() {
        Cpu c = xo3(DIVW, 42, 0, OE | RC, 0);
        assertEquals(42, c.gpr[3], "QEMU divides by 1 instead of 0");
        assertXer(c, 1, 1, 0);
        assertEquals(GT | SO, crField(c, 0));

        c = xo3(DIVW, 0x80000000, -1, OE, 0);
        assertEquals(0x80000000, c.gpr[3]);
        assertXer(c, 1, 1, 0);

        c = xo3(DIVW, 42, 0, RC, 0);
        assertEquals(42, c.gpr[3]);
        assertXer(c, 0, 0, 0);
        assertEquals(GT, crField(c, 0), "without OE, SO stays clear");
    }

    @Test
    void divwu() {
        assertEquals(0x7FFFFFFF, xo3(DIVWU, 0xFFFFFFFE, 2, 0, 0).gpr[3]);
        assertEquals(1, xo3(DIVWU, 0x80000000, 0x80000000, 0, 0).gpr[3]);
        Cpu c = xo3(DIVWU, 0x80000000, -1, OE, 0);
        assertEquals(0, c.gpr[3]);
        assertXer(c, 0, 0, 0);
        c = xo3(DIVWU, 0xDEADBEEF, 0, OE | RC, 0);
        assertEquals(0xDEADBEEF, c.gpr[3]);
        assertXer(c, 1, 1, 0);
        assertEquals(LT | SO, crField(c, 0));
    }

    @Test
    void soIsStickyAcrossInstructions() {
        Cpu c = cpu();
        c.gpr[4] = 0x7FFFFFFF;
        c.gpr[5] = 1;
        put(c, 0x1000, AluAsm.xo(ADD, 3, 4, 5, OE), AluAsm.xo(ADD, 6, 5, 5, OE | RC));
        run(c, 0x1000, 2);
        assertEquals(2, c.gpr[6]);
        assertXer(c, 1, 0, 0);
        assertEquals(GT | SO, crField(c, 0));
        assertEquals(0x1008, c.pc);
    }
}
