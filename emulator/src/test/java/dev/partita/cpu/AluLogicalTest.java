package dev.partita.cpu;

import static dev.partita.cpu.AluAsm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Logical, sign-extension, count, rotate and shift instructions (rA = f(rS, ...)). */
class AluLogicalTest {
    private static final int S = 0xF0F0F0F0, B = 0xFF00FF00;

    /** Runs X-form {@code xo} (primary opcode 31) as r3 = op(r4, r5). */
    private static Cpu x3(int xo, int s, int b, int rc) {
        Cpu c = cpu();
        c.gpr[4] = s;
        c.gpr[5] = b;
        return exec(c, x(31, xo, 4, 3, 5, rc));
    }

    @Test
    void twoOperandLogical() {
        assertEquals(0xF000F000, x3(28, S, B, 0).gpr[3], "and");
        assertEquals(0x00F000F0, x3(60, S, B, 0).gpr[3], "andc");
        assertEquals(0xFFF0FFF0, x3(444, S, B, 0).gpr[3], "or");
        assertEquals(0xF0FFF0FF, x3(412, S, B, 0).gpr[3], "orc");
        assertEquals(0x0FF00FF0, x3(316, S, B, 0).gpr[3], "xor");
        assertEquals(0x0FFF0FFF, x3(476, S, B, 0).gpr[3], "nand");
        assertEquals(0x000F000F, x3(124, S, B, 0).gpr[3], "nor");
        assertEquals(0xF00FF00F, x3(284, S, B, 0).gpr[3], "eqv");
    }

    @Test
    void logicalRcSetsCr0FromResult() {
        Cpu c = x3(28, S, B, 1);
        assertEquals(LT, crField(c, 0));
        c = x3(316, 7, 7, 1);
        assertEquals(0, c.gpr[3]);
        assertEquals(EQ, crField(c, 0));
        c = cpu();
        c.xerSo = 1;
        c.gpr[4] = 1;
        exec(c, x(31, 444, 4, 3, 4, 1));
        assertEquals(GT | SO, crField(c, 0), "or. r3,r4,r4 (mr.) with SO");
        assertEquals(0, x3(444, S, B, 0).cr, "no Rc, no CR change");
    }

    @Test
    void andImmediateAlwaysSetsCr0() {
        Cpu c = cpu();
        c.gpr[4] = 0x1234;
        exec(c, d(28, 4, 3, 0xFF00));
        assertEquals(0x1200, c.gpr[3], "andi.");
        assertEquals(GT, crField(c, 0));
        exec(c, d(28, 4, 3, 0x00CB));
        assertEquals(0, c.gpr[3]);
        assertEquals(EQ, crField(c, 0));
        c.gpr[4] = 0x80000001;
        exec(c, d(29, 4, 3, 0x8000));
        assertEquals(0x80000000, c.gpr[3], "andis.");
        assertEquals(LT, crField(c, 0));
    }

    @Test
    void orXorImmediatesLeaveCrAlone() {
        Cpu c = cpu();
        c.cr = 0xAAAAAAAA;
        c.gpr[4] = 0x12340000;
        exec(c, d(24, 4, 3, 0x5678));
        assertEquals(0x12345678, c.gpr[3], "ori");
        c.gpr[4] = 0x5678;
        exec(c, d(25, 4, 3, 0x1234));
        assertEquals(0x12345678, c.gpr[3], "oris");
        c.gpr[4] = 0x12345678;
        exec(c, d(26, 4, 3, 0xFFFF));
        assertEquals(0x1234A987, c.gpr[3], "xori");
        exec(c, d(27, 4, 3, 0xFFFF));
        assertEquals(0xEDCB5678, c.gpr[3], "xoris");
        assertEquals(0xAAAAAAAA, c.cr);
    }

    @Test
    void extendAndCount() {
        assertEquals(0xFFFFFF80, x3(954, 0x12345680, 0, 0).gpr[3], "extsb");
        assertEquals(0x7F, x3(954, 0xFFFFFF7F, 0, 0).gpr[3], "extsb");
        assertEquals(0xFFFF8000, x3(922, 0x00018000, 0, 0).gpr[3], "extsh");
        assertEquals(0x7FFF, x3(922, 0xFFFF7FFF, 0, 0).gpr[3], "extsh");
        Cpu c = x3(922, 0x8000, 0, 1);
        assertEquals(LT, crField(c, 0), "extsh.");
        assertEquals(32, x3(26, 0, 0, 0).gpr[3], "cntlzw 0");
        assertEquals(31, x3(26, 1, 0, 0).gpr[3]);
        assertEquals(0, x3(26, 0x80000000, 0, 0).gpr[3]);
        assertEquals(24, x3(26, 0xF0, 0, 0).gpr[3]);
        assertEquals(GT, crField(x3(26, 0, 0, 1), 0), "cntlzw. of 0 is 32");
    }

    @Test
    void extendIgnoresTheRbFieldAsQemuDoes() {
        Cpu c = cpu();
        c.gpr[4] = 0x80;
        exec(c, x(31, 954, 4, 3, 17, 0));
        assertEquals(0xFFFFFF80, c.gpr[3]);
    }

    // ---- rotate ----

    private static Cpu rot(int po, int rs, int ra, int shOrRb, int mb, int me, int rc, int rbValue) {
        Cpu c = cpu();
        c.gpr[4] = rs;
        c.gpr[3] = ra;
        c.gpr[5] = rbValue;
        return exec(c, m(po, 4, 3, shOrRb, mb, me, rc));
    }

    @Test
    void rlwinmMasks() {
        assertEquals(0x78, rot(21, 0x12345678, 0, 0, 24, 31, 0, 0).gpr[3], "clrlwi 24");
        assertEquals(0x34567812, rot(21, 0x12345678, 0, 8, 0, 31, 0, 0).gpr[3], "rotlwi 8");
        assertEquals(0x10000008, rot(21, 0x12345678, 0, 0, 28, 3, 0, 0).gpr[3], "MB > ME wraps: 0xF000000F");
        assertEquals(1, rot(21, 0x80000000, 0, 1, 31, 31, 0, 0).gpr[3], "single bit");
        assertEquals(0x12345678, rot(21, 0x12345678, 0, 0, 1, 0, 0, 0).gpr[3], "MB = ME + 1 is all ones");
        assertEquals(0x80000000, rot(21, 0x92345678, 0, 0, 0, 0, 0, 0).gpr[3], "MB = ME = 0");
        assertEquals(0x01A2B3C0, rot(21, 0x12345678, 0, 3, 4, 27, 0, 0).gpr[3], "rotl 3, mask 4..27");
        Cpu c = rot(21, 0x12345678, 0, 0, 0, 3, 1, 0);
        assertEquals(0x10000000, c.gpr[3]);
        assertEquals(GT, crField(c, 0));
    }

    @Test
    void rlwimiInsertsUnderMask() {
        assertEquals(0xAAAA78AA, rot(20, 0x12345678, 0xAAAAAAAA, 8, 16, 23, 0, 0).gpr[3]);
        assertEquals(0xC0000003, rot(20, 0xFFFFFFFF, 0, 0, 30, 1, 0, 0).gpr[3], "wrapping mask");
        Cpu c = rot(20, 0, 0xFFFFFFFF, 0, 0, 0, 1, 0);
        assertEquals(0x7FFFFFFF, c.gpr[3]);
        assertEquals(GT, crField(c, 0));
    }

    @Test
    void rlwnmUsesLowFiveBitsOfRb() {
        assertEquals(0x34567812, rot(23, 0x12345678, 0, 5, 0, 31, 0, 40).gpr[3], "40 & 31 = 8");
        assertEquals(0x00000012, rot(23, 0x12345678, 0, 5, 24, 31, 0, 8).gpr[3], "rotlw 8 then clear");
        assertEquals(0x12345678, rot(23, 0x12345678, 0, 5, 0, 31, 0, 0xFFFFFFE0).gpr[3]);
    }

    // ---- shift ----

    @Test
    void slwAndSrwShiftCountsAbove31GiveZero() {
        assertEquals(0x80000000, x3(24, 1, 31, 0).gpr[3]);
        assertEquals(0, x3(24, 1, 32, 0).gpr[3]);
        assertEquals(0, x3(24, 0xFFFFFFFF, 63, 0).gpr[3]);
        assertEquals(1, x3(24, 1, 64, 0).gpr[3], "only rB[26:31] count: 64 is 0");
        assertEquals(16, x3(24, 1, 68, 0).gpr[3]);
        assertEquals(0, x3(24, 1, 0xFFFFFFE1, 0).gpr[3], "0x21 = 33");
        assertEquals(1, x3(536, 0x80000000, 31, 0).gpr[3]);
        assertEquals(0, x3(536, 0x80000000, 32, 0).gpr[3]);
        assertEquals(0x08000000, x3(536, 0x80000000, 4, 0).gpr[3], "logical, no sign fill");
        Cpu c = x3(24, 1, 32, 1);
        assertEquals(EQ, crField(c, 0));
        assertEquals(0, c.xerCa, "slw leaves CA alone");
    }

    @Test
    void srawCarry() {
        Cpu c = x3(792, 0x80000000, 4, 0);
        assertEquals(0xF8000000, c.gpr[3]);
        assertEquals(0, c.xerCa, "negative, only zeros shifted out");
        c = x3(792, 0x80000001, 4, 0);
        assertEquals(0xF8000000, c.gpr[3]);
        assertEquals(1, c.xerCa, "negative, a one shifted out");
        c = x3(792, 5, 1, 0);
        assertEquals(2, c.gpr[3]);
        assertEquals(0, c.xerCa, "positive never sets CA");
        c = x3(792, -1, 32, 0);
        assertEquals(-1, c.gpr[3]);
        assertEquals(1, c.xerCa);
        c = x3(792, -1, 63, 0);
        assertEquals(-1, c.gpr[3]);
        assertEquals(1, c.xerCa);
        c = x3(792, 0x7FFFFFFF, 40, 0);
        assertEquals(0, c.gpr[3]);
        assertEquals(0, c.xerCa);
        c = x3(792, -16, 0, 0);
        assertEquals(-16, c.gpr[3]);
        assertEquals(0, c.xerCa, "shift by 0");
        c = x3(792, -15, 64, 0);
        assertEquals(-15, c.gpr[3]);
        assertEquals(0, c.xerCa, "64 counts as 0");
        c = x3(792, 0x80000000, 31, 1);
        assertEquals(-1, c.gpr[3]);
        assertEquals(0, c.xerCa);
        assertEquals(LT, crField(c, 0));
    }

    @Test
    void srawiCarry() {
        Cpu c = cpu();
        c.gpr[4] = -5;
        exec(c, x(31, 824, 4, 3, 1, 0));
        assertEquals(-3, c.gpr[3]);
        assertEquals(1, c.xerCa);
        c.gpr[4] = -4;
        exec(c, x(31, 824, 4, 3, 2, 0));
        assertEquals(-1, c.gpr[3]);
        assertEquals(0, c.xerCa);
        c.gpr[4] = 7;
        c.xerCa = 1;
        exec(c, x(31, 824, 4, 3, 1, 0));
        assertEquals(3, c.gpr[3]);
        assertEquals(0, c.xerCa);
        c.gpr[4] = -7;
        c.xerCa = 1;
        exec(c, x(31, 824, 4, 3, 0, 1));
        assertEquals(-7, c.gpr[3]);
        assertEquals(0, c.xerCa, "sh = 0 clears CA");
        assertEquals(LT, crField(c, 0));
        c.gpr[4] = 0x80000001;
        exec(c, x(31, 824, 4, 3, 31, 1));
        assertEquals(-1, c.gpr[3]);
        assertEquals(1, c.xerCa);
    }
}
