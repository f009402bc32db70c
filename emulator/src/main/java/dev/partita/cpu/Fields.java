package dev.partita.cpu;

/** Instruction field extraction (bit numbers are the ISA's, 0 = most significant). */
public final class Fields {
    private Fields() {}

    /** Bits 6-10: rD, rS, BO, crfD (with {@link #crfD}), TO. */
    public static int rD(int w) {
        return (w >>> 21) & 31;
    }

    /** Bits 11-15: rA, BI. */
    public static int rA(int w) {
        return (w >>> 16) & 31;
    }

    /** Bits 16-20: rB, SH. */
    public static int rB(int w) {
        return (w >>> 11) & 31;
    }

    public static int simm(int w) {
        return (short) w;
    }

    public static int uimm(int w) {
        return w & 0xFFFF;
    }

    /** Bits 6-8: the destination CR field. */
    public static int crfD(int w) {
        return (w >>> 23) & 7;
    }

    /** Bits 11-13: the source CR field. */
    public static int crfS(int w) {
        return (w >>> 18) & 7;
    }

    /** The SPR number (its two 5-bit halves swapped back). */
    public static int spr(int w) {
        return ((w >>> 16) & 31) | ((w >>> 6) & 0x3E0);
    }

    public static boolean rc(int w) {
        return (w & 1) != 0;
    }

    public static boolean oe(int w) {
        return (w & 0x400) != 0;
    }

    public static boolean lk(int w) {
        return (w & 1) != 0;
    }

    public static boolean aa(int w) {
        return (w & 2) != 0;
    }

    /** Target of the I-form branch (b, ba, bl, bla) {@code w} at {@code pc}: LI is a signed 26-bit byte offset. */
    public static int branchTarget(int w, int pc) {
        int li = (w << 6) >> 6 & ~3;
        return aa(w) ? li : pc + li;
    }

    /** Target of the B-form conditional branch (bc, bca, bcl, bcla) {@code w} at {@code pc}: BD is a signed 16-bit byte offset. */
    public static int conditionalTarget(int w, int pc) {
        int bd = (short) (w & 0xFFFC);
        return aa(w) ? bd : pc + bd;
    }
}
