package dev.partita.cpu;

import static dev.partita.cpu.Fields.*;

/** Semantics of the branch instructions; each sets {@link Cpu#pc} (and LR when LK = 1). */
public final class Branch {
    private Branch() {}

    public static void b(Cpu c, int w) {
        int li = (w << 6) >> 6 & ~3;
        int target = aa(w) ? li : c.pc + li;
        if (lk(w)) {
            c.lr = c.pc + 4;
        }
        c.pc = target;
    }

    /** Evaluates BO/BI (decrementing CTR when BO says so). */
    static boolean condition(Cpu c, int w) {
        int bo = rD(w);
        boolean ctrOk = true;
        if ((bo & 4) == 0) {
            c.ctr--;
            ctrOk = (c.ctr != 0) ^ ((bo & 2) != 0);
        }
        boolean condOk = (bo & 16) != 0 || (((c.cr << rA(w)) < 0) == ((bo & 8) != 0));
        return ctrOk && condOk;
    }

    public static void bc(Cpu c, int w) {
        int next = c.pc + 4;
        int target = aa(w) ? (short) (w & 0xFFFC) : c.pc + (short) (w & 0xFFFC);
        boolean taken = condition(c, w);
        if (lk(w)) {
            c.lr = next;
        }
        c.pc = taken ? target : next;
    }

    public static void bclr(Cpu c, int w) {
        int next = c.pc + 4;
        int target = c.lr & ~3;
        boolean taken = condition(c, w);
        if (lk(w)) {
            c.lr = next;
        }
        c.pc = taken ? target : next;
    }

    public static void bcctr(Cpu c, int w) {
        int next = c.pc + 4;
        int target = c.ctr & ~3;
        boolean condOk = (rD(w) & 16) != 0 || (((c.cr << rA(w)) < 0) == ((rD(w) & 8) != 0));
        if (lk(w)) {
            c.lr = next;
        }
        c.pc = condOk ? target : next;
    }
}
