package dev.partita.cpu;

import static dev.partita.cpu.Fields.*;

/** Semantics of the system instructions: SPR and MSR moves, sc, rfi family, traps, sync, cache, TLB. */
public final class SystemOps {
    private SystemOps() {}

    public static void mfspr(Cpu c, int w) {
        int n = spr(w);
        c.gpr[rD(w)] = switch (n) {
            case Sprs.XER -> c.xer();
            case Sprs.LR -> c.lr;
            case Sprs.CTR -> c.ctr;
            default -> c.spr[n];
        };
    }

    public static void mtspr(Cpu c, int w) {
        int n = spr(w);
        int v = c.gpr[rD(w)];
        switch (n) {
            case Sprs.XER -> c.setXer(v);
            case Sprs.LR -> c.lr = v;
            case Sprs.CTR -> c.ctr = v;
            default -> c.spr[n] = v;
        }
    }

    public static void sc(Cpu c, int w) {
        c.interrupt(Ivor.SYSTEM_CALL, c.pc + 4);
    }
}
