package dev.partita.cpu;

/** MSR bits of the e500v2 (Book E numbering converted to masks on a 32-bit register). */
public final class Msr {
    private Msr() {}

    public static final int UCLE = 1 << 26;
    public static final int SPE = 1 << 25;
    public static final int WE = 1 << 18;
    public static final int CE = 1 << 17;
    public static final int EE = 1 << 15;
    public static final int PR = 1 << 14;
    public static final int FP = 1 << 13;
    public static final int ME = 1 << 12;
    public static final int FE0 = 1 << 11;
    public static final int UBLE = 1 << 10;
    public static final int DE = 1 << 9;
    public static final int FE1 = 1 << 8;
    public static final int IS = 1 << 5;
    public static final int DS = 1 << 4;
    public static final int PMM = 1 << 2;
    public static final int RI = 1 << 1;
}
