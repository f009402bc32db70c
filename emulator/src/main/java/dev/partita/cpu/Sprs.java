package dev.partita.cpu;

/**
 * e500v2 special-purpose registers: numbers, and the routing of mfspr/mtspr to the state that
 * implements them (plain storage in {@link Cpu#spr}, XER/LR/CTR fields, the MMU's MAS registers,
 * the timers).
 */
public final class Sprs {
    private Sprs() {}

    public static final int XER = 1, LR = 8, CTR = 9;
    public static final int DEC = 22, SRR0 = 26, SRR1 = 27, PID0 = 48;
    public static final int DECAR = 54, CSRR0 = 58, CSRR1 = 59, DEAR = 61, ESR = 62, IVPR = 63;
    public static final int TBL_READ = 268, TBU_READ = 269;
    public static final int SPRG0 = 272, SPRG3 = 275, SPRG4 = 276, SPRG7 = 279;
    public static final int TBL_WRITE = 284, TBU_WRITE = 285, PIR = 286, PVR = 287;
    public static final int TSR = 336, TCR = 340;
    public static final int IVOR0 = 400, IVOR32 = 528;
    public static final int MCSRR0 = 570, MCSRR1 = 571, MCSR = 572;
    public static final int MAS0 = 624, MAS1 = 625, MAS2 = 626, MAS3 = 627, MAS4 = 628, MAS6 = 630;
    public static final int PID1 = 633, PID2 = 634, TLB0CFG = 688, TLB1CFG = 689;
    public static final int MAS7 = 944;
    public static final int HID0 = 1008, HID1 = 1009, L1CSR0 = 1010, L1CSR1 = 1011;
    public static final int MMUCSR0 = 1012, MMUCFG = 1015, SVR = 1023;

    /** ESR bits. */
    public static final int ESR_PIL = 1 << 27, ESR_PPR = 1 << 26, ESR_PTR = 1 << 25;
    public static final int ESR_ST = 1 << 23, ESR_DLK = 1 << 21, ESR_ILK = 1 << 20, ESR_BO = 1 << 17;
    public static final int ESR_SPV = 1 << 7;

    /** The SPR number of IVORn. */
    public static int ivorSpr(int ivor) {
        return ivor < 16 ? IVOR0 + ivor : IVOR32 + (ivor - 32);
    }
}
