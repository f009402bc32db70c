package dev.partita.cpu;

import static dev.partita.cpu.Fields.*;

/** Semantics of the load and store instructions. */
public final class LoadStore {
    private LoadStore() {}

    static int eaD(Cpu c, int w) {
        int a = rA(w);
        return (a == 0 ? 0 : c.gpr[a]) + simm(w);
    }

    public static void lwz(Cpu c, int w) {
        c.gpr[rD(w)] = c.load32(eaD(c, w));
    }

    public static void stw(Cpu c, int w) {
        c.store32(eaD(c, w), c.gpr[rD(w)]);
    }
}
