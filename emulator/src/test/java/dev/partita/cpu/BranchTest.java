package dev.partita.cpu;

import static dev.partita.cpu.AluAsm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Branches run through the interpreter: targets, LK/AA, BO/BI conditions and CTR decrement forms. */
class BranchTest {
    private static final int AT = 0x1000;

    private static int b(int offset, boolean aa, boolean lk) {
        return 18 << 26 | (offset & 0x03FFFFFC) | (aa ? 2 : 0) | (lk ? 1 : 0);
    }

    private static int bc(int bo, int bi, int offset, boolean aa, boolean lk) {
        return 16 << 26 | bo << 21 | bi << 16 | (offset & 0xFFFC) | (aa ? 2 : 0) | (lk ? 1 : 0);
    }

    private static int bclr(int bo, int bi, boolean lk) {
        return x(19, 16, bo, bi, 0, lk ? 1 : 0);
    }

    private static int bcctr(int bo, int bi, boolean lk) {
        return x(19, 528, bo, bi, 0, lk ? 1 : 0);
    }

    private static Cpu step(Cpu c, int word) {
        put(c, AT, word);
        run(c, AT, 1);
        return c;
    }

    @Test
    void unconditional() {
        Cpu c = cpu();
        step(c, b(0x100, false, false));
        assertEquals(0x1100, c.pc);
        assertEquals(0, c.lr);
        step(c, b(-4, false, true));
        assertEquals(0xFFC, c.pc);
        assertEquals(0x1004, c.lr, "bl");
        step(c, b(0x100, true, false));
        assertEquals(0x100, c.pc, "ba");
        step(c, b(-0x2000000, true, true));
        assertEquals(0xFE000000, c.pc, "bla to the lowest LI");
        assertEquals(0x1004, c.lr);
        step(c, b(0x1FFFFFC, false, false));
        assertEquals(0x1000 + 0x1FFFFFC, c.pc, "largest forward offset");
    }

    @Test
    void conditionalOnCrBit() {
        Cpu c = cpu();
        c.cr = 0x20000000; // CR0[EQ]
        step(c, bc(12, 2, 8, false, false));
        assertEquals(0x1008, c.pc, "beq taken");
        step(c, bc(4, 2, 8, false, false));
        assertEquals(0x1004, c.pc, "bne not taken");
        step(c, bc(13, 2, -8, false, false));
        assertEquals(0xFF8, c.pc, "the y hint bit does not change the outcome");
        step(c, bc(12, 6, 8, false, true));
        assertEquals(0x1004, c.pc, "beql cr1 not taken");
        assertEquals(0x1004, c.lr, "LK writes LR even when not taken");
        step(c, bc(12, 2, 0x40, true, false));
        assertEquals(0x40, c.pc, "bca");
        step(c, bc(12, 2, -0x8000, true, false));
        assertEquals(0xFFFF8000, c.pc, "bca with negative BD is sign-extended");
        c.cr = 1; // CR7[SO]
        step(c, bc(12, 31, 0x10, false, false));
        assertEquals(0x1010, c.pc, "BI 31");
    }

    @Test
    void ctrDecrementForms() {
        Cpu c = cpu();
        c.ctr = 2;
        step(c, bc(16, 0, 0x20, false, false));
        assertEquals(1, c.ctr);
        assertEquals(0x1020, c.pc, "bdnz taken");
        step(c, bc(16, 0, 0x20, false, false));
        assertEquals(0, c.ctr);
        assertEquals(0x1004, c.pc, "bdnz falls through at 0");
        step(c, bc(16, 0, 0x20, false, false));
        assertEquals(0xFFFFFFFF, c.ctr, "CTR wraps");
        assertEquals(0x1020, c.pc);

        c.ctr = 1;
        step(c, bc(18, 0, 0x20, false, false));
        assertEquals(0x1020, c.pc, "bdz taken when CTR reaches 0");
        step(c, bc(18, 0, 0x20, false, false));
        assertEquals(0x1004, c.pc);

        c.cr = 0x80000000; // CR0[LT]
        c.ctr = 5;
        step(c, bc(8, 0, 0x20, false, false));
        assertEquals(0x1020, c.pc, "bdnzt: CTR != 0 and bit set");
        step(c, bc(0, 0, 0x20, false, false));
        assertEquals(0x1004, c.pc, "bdnzf: bit set, not taken");
        assertEquals(3, c.ctr, "decremented even when the condition fails");
        c.ctr = 1;
        step(c, bc(10, 0, 0x20, false, false));
        assertEquals(0x1020, c.pc, "bdzt");
        c.ctr = 1;
        step(c, bc(2, 1, 0x20, false, false));
        assertEquals(0x1020, c.pc, "bdzf on GT clear");

        c.ctr = 7;
        step(c, bc(20, 0, 0x20, false, false));
        assertEquals(0x1020, c.pc, "branch always");
        assertEquals(7, c.ctr, "BO[2] = 1 leaves CTR");
    }

    @Test
    void countedLoopRunsTenTimes() {
        Cpu c = cpu();
        c.ctr = 10;
        put(c, AT, d(14, 3, 3, 1), bc(16, 0, -4, false, false), d(14, 4, 0, 99));
        run(c, AT, 21);
        assertEquals(10, c.gpr[3]);
        assertEquals(0, c.ctr);
        assertEquals(99, c.gpr[4]);
        assertEquals(AT + 12, c.pc);
    }

    @Test
    void branchToLinkRegister() {
        Cpu c = cpu();
        c.lr = 0x2003;
        step(c, bclr(20, 0, false));
        assertEquals(0x2000, c.pc, "blr ignores the low two bits");
        c.lr = 0x3000;
        step(c, bclr(20, 0, true));
        assertEquals(0x3000, c.pc, "blrl goes to the old LR");
        assertEquals(0x1004, c.lr);
        c.cr = 0;
        c.lr = 0x3000;
        step(c, bclr(12, 2, true));
        assertEquals(0x1004, c.pc, "beqlrl not taken");
        assertEquals(0x1004, c.lr);
        c.lr = 0x3000;
        c.ctr = 2;
        step(c, bclr(16, 0, false));
        assertEquals(0x3000, c.pc, "bdnzlr");
        assertEquals(1, c.ctr);
        step(c, bclr(20, 0, false) | 3 << 11);
        assertEquals(0x3000, c.pc, "the BH hint is ignored");
    }

    @Test
    void branchToCountRegister() {
        Cpu c = cpu();
        c.ctr = 0x4002;
        step(c, bcctr(20, 0, false));
        assertEquals(0x4000, c.pc);
        assertEquals(0x4002, c.ctr, "bctr does not change CTR");
        step(c, bcctr(20, 0, true));
        assertEquals(0x4000, c.pc);
        assertEquals(0x1004, c.lr, "bctrl");
        c.cr = 0x20000000;
        step(c, bcctr(4, 2, false));
        assertEquals(0x1004, c.pc, "bnectr not taken");
        step(c, bcctr(12, 2, false));
        assertEquals(0x4000, c.pc, "beqctr taken");
    }

    @Test
    void bcctrWithCtrDecrementIsIllegalAfterWritingLr() {
        Cpu c = cpu();
        c.ctr = 0x4000;
        c.lr = 0x5000;
        step(c, bcctr(16, 0, false));
        assertEquals(0x700, c.pc, "program interrupt");
        assertEquals(Sprs.ESR_PIL, c.spr[Sprs.ESR]);
        assertEquals(AT, c.spr[Sprs.SRR0]);
        assertEquals(0x4000, c.ctr, "CTR not decremented");
        assertEquals(0x5000, c.lr);

        c = cpu();
        c.ctr = 0x4000;
        step(c, bcctr(0, 0, true));
        assertEquals(0x700, c.pc);
        assertEquals(AT + 4, c.lr, "QEMU writes LR before raising the exception");
    }
}
