package dev.partita.cpu;

import static dev.partita.cpu.Fields.*;

/**
 * Semantics of the branch instructions; each sets {@link Cpu#pc} (and LR when LK = 1).
 *
 * <p>BO bits (ISA numbering 0-4, here as a 5-bit value): 16 = ignore the CR bit, 8 = branch when the
 * CR bit is 1, 4 = do not decrement CTR, 2 = branch when the decremented CTR is 0, 1 = hint (ignored).
 */
public final class Branch {
    private Branch() {}

    /** b, ba, bl, bla: LI is a signed 26-bit byte offset (low two bits are AA and LK). */
    public static void b(Cpu c, int w) {
        int target = Fields.branchTarget(w, c.pc);
        if (lk(w)) {
            c.lr = c.pc + 4;
        }
        c.pc = target;
    }

    /** Evaluates BO/BI, decrementing CTR when BO[2] = 0. */
    static boolean condition(Cpu c, int w) {
        int bo = rD(w);
        boolean ctrOk = true;
        if ((bo & 4) == 0) {
            c.ctr--;
            ctrOk = (c.ctr != 0) ^ ((bo & 2) != 0);
        }
        return ctrOk && crOk(c, bo, rA(w));
    }

    private static boolean crOk(Cpu c, int bo, int bi) {
        return (bo & 16) != 0 || (((c.cr << bi) < 0) == ((bo & 8) != 0));
    }

    public static void bc(Cpu c, int w) {
        int next = c.pc + 4;
        int target = Fields.conditionalTarget(w, c.pc);
        boolean taken = condition(c, w);
        if (lk(w)) {
            c.lr = next;
        }
        c.pc = taken ? target : next;
    }

    /** bclr: the target is LR as it was before this instruction writes LR (bclrl). */
    public static void bclr(Cpu c, int w) {
        int next = c.pc + 4;
        int target = c.lr & ~3;
        boolean taken = condition(c, w);
        if (lk(w)) {
            c.lr = next;
        }
        c.pc = taken ? target : next;
    }

    /**
     * bcctr. The form with BO[2] = 0 (decrement CTR) is invalid; as QEMU 7.2 does for non-server
     * CPUs it raises an illegal-instruction program interrupt, after (for bcctrl) having written LR.
     */
    public static void bcctr(Cpu c, int w) {
        int next = c.pc + 4;
        int bo = rD(w);
        if (lk(w)) {
            c.lr = next;
        }
        if ((bo & 4) == 0) {
            throw c.programInterrupt(Sprs.ESR_PIL);
        }
        c.pc = crOk(c, bo, rA(w)) ? c.ctr & ~3 : next;
    }
}
