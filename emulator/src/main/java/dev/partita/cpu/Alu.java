package dev.partita.cpu;

import static dev.partita.cpu.Fields.*;

/** Semantics of the integer arithmetic, logical, rotate, shift, compare and CR instructions. */
public final class Alu {
    private Alu() {}

    public static void addi(Cpu c, int w) {
        int a = rA(w);
        c.gpr[rD(w)] = (a == 0 ? 0 : c.gpr[a]) + simm(w);
    }

    public static void addis(Cpu c, int w) {
        int a = rA(w);
        c.gpr[rD(w)] = (a == 0 ? 0 : c.gpr[a]) + (w << 16);
    }

    public static void add(Cpu c, int w) {
        int a = c.gpr[rA(w)], b = c.gpr[rB(w)];
        int r = a + b;
        if (oe(w)) {
            setOv(c, ((a ^ r) & (b ^ r)) < 0);
        }
        c.gpr[rD(w)] = r;
        if (rc(w)) {
            c.setCr0(r);
        }
    }

    /** Sets XER[OV] and, when set, the sticky XER[SO]. */
    static void setOv(Cpu c, boolean ov) {
        c.xerOv = ov ? 1 : 0;
        c.xerSo |= c.xerOv;
    }
}
