package dev.partita.cpu;

import dev.partita.mmu.Mmu;

/**
 * e500v2 special-purpose registers: numbers, access rights, reset values, and the routing of
 * mfspr/mtspr to the state that implements them (plain storage in {@link Cpu#spr}, XER/LR/CTR fields,
 * the MMU's MAS/PID/MMUCSR0 registers, the timers).
 *
 * <p>The set of registers and who may access them follows QEMU 7.2's e500v2 model
 * ({@code init_proc_e500}, {@code register_BookE_sprs}, {@code register_BookE206_sprs},
 * {@code register_generic_sprs}), because guests are compared against it. Access rules
 * ({@link #checkRead}/{@link #checkWrite}):
 * <ul>
 *   <li>a known SPR without access in the current mode (user, or a read-only SPR written in
 *       supervisor mode, or write-only DECAR read): program interrupt, ESR[PPR];</li>
 *   <li>an unknown SPR with bit 4 of its number set (the "privileged" half): ESR[PPR] in user mode,
 *       a no-op in supervisor mode (mfspr leaves rD unchanged);</li>
 *   <li>an unknown SPR with bit 4 clear: ESR[PPR] in user mode, and in supervisor mode for SPR 0
 *       (and, for mfspr, SPRs 4, 5 and 6); otherwise a no-op.</li>
 * </ul>
 */
public final class Sprs {
    private Sprs() {}

    public static final int XER = 1, LR = 8, CTR = 9;
    public static final int DEC = 22, SRR0 = 26, SRR1 = 27, PID0 = 48;
    public static final int DECAR = 54, CSRR0 = 58, CSRR1 = 59, DEAR = 61, ESR = 62, IVPR = 63;
    public static final int USPRG0 = 256, USPRG3 = 259, USPRG4 = 260, USPRG7 = 263;
    public static final int TBL_READ = 268, TBU_READ = 269;
    public static final int SPRG0 = 272, SPRG1 = 273, SPRG2 = 274, SPRG3 = 275;
    public static final int SPRG4 = 276, SPRG5 = 277, SPRG6 = 278, SPRG7 = 279;
    public static final int TBL_WRITE = 284, TBU_WRITE = 285, PIR = 286, PVR = 287;
    public static final int DBSR = 304, DBCR0 = 308, DBCR1 = 309, DBCR2 = 310;
    public static final int IAC1 = 312, IAC2 = 313, DAC1 = 316, DAC2 = 317;
    public static final int TSR = 336, TCR = 340;
    public static final int IVOR0 = 400, IVOR15 = 415;
    public static final int SPEFSCR = 512, BBEAR = 513, BBTAR = 514, L1CFG0 = 515, L1CFG1 = 516, NPIDR = 517;
    public static final int IVOR32 = 528, IVOR35 = 531;
    public static final int MCSRR0 = 570, MCSRR1 = 571, MCSR = 572, MCAR = 573, DSRR0 = 574, DSRR1 = 575;
    public static final int SPRG8 = 604, SPRG9 = 605;
    public static final int MAS0 = 624, MAS1 = 625, MAS2 = 626, MAS3 = 627, MAS4 = 628, MAS6 = 630;
    public static final int PID1 = 633, PID2 = 634, TLB0CFG = 688, TLB1CFG = 689, EPR = 702;
    public static final int MAS7 = 944, EPLC = 947, EPSC = 948;
    public static final int HID0 = 1008, HID1 = 1009, L1CSR0 = 1010, L1CSR1 = 1011;
    public static final int MMUCSR0 = 1012, BUCSR = 1013, MMUCFG = 1015, SVR = 1023;

    /** ESR bits. */
    public static final int ESR_PIL = 1 << 27, ESR_PPR = 1 << 26, ESR_PTR = 1 << 25;
    public static final int ESR_ST = 1 << 23, ESR_DLK = 1 << 21, ESR_ILK = 1 << 20, ESR_BO = 1 << 17;
    public static final int ESR_SPV = 1 << 7;

    /** L1CSR0/L1CSR1 bits: cache enable, parity enable, flash invalidate, lock flash reset, unable to lock. */
    public static final int L1CSR_CE = 0x1, L1CSR_FI = 0x2, L1CSR_LFR = 0x100, L1CSR_UL = 0x400, L1CSR_CPE = 0x10000;

    /** DBCR0[RST]: a non-zero value written requests a reset. */
    public static final int DBCR0_RST = 0x30000000;

    /** Reset values (QEMU e500v2_v30 on ppce500: SVR reads 0, U-Boot prints "CPU: Unknown"). */
    public static final int PVR_E500V2 = 0x80210030;
    public static final int SVR_PPCE500 = 0;
    /** L1CFG0/1: 8 ways, 32 KiB, 32-byte lines. */
    public static final int L1CFG_E500V2 = 0x3820;

    // ---- access rights ----
    static final int UR = 1, UW = 2, SR = 4, SW = 8, KNOWN = 16;
    private static final byte[] ACCESS = new byte[1024];

    private static void def(int access, int... numbers) {
        for (int n : numbers) {
            ACCESS[n] = (byte) (access | KNOWN);
        }
    }

    private static void defRange(int access, int first, int last) {
        for (int n = first; n <= last; n++) {
            ACCESS[n] = (byte) (access | KNOWN);
        }
    }

    static {
        int urw = UR | UW | SR | SW, ur = UR | SR, srw = SR | SW;
        def(urw, XER, LR, CTR, USPRG0, SPEFSCR);
        def(ur, TBL_READ, TBU_READ, USPRG3, L1CFG0, L1CFG1);
        defRange(ur, USPRG4, USPRG7);
        def(UR | SR | SW, TBL_WRITE, TBU_WRITE);
        def(srw, SRR0, SRR1, CSRR0, CSRR1, DEAR, ESR, IVPR, PID0, DEC, TCR, TSR, PIR);
        defRange(srw, SPRG0, SPRG7);
        def(srw, SPRG8, SPRG9, DBSR, DBCR0, DBCR1, DBCR2, IAC1, IAC2, DAC1, DAC2, DSRR0, DSRR1);
        defRange(srw, IVOR0, IVOR15);
        defRange(srw, IVOR32, IVOR35);
        def(srw, MAS0, MAS1, MAS2, MAS3, MAS4, MAS6, MAS7, PID1, PID2, EPLC, EPSC, MMUCSR0);
        def(srw, HID0, HID1, BBEAR, BBTAR, MCAR, MCSR, NPIDR, BUCSR, L1CSR0, L1CSR1, MCSRR0, MCSRR1);
        def(SW, DECAR);
        def(SR, PVR, SVR, MMUCFG, TLB0CFG, TLB1CFG, EPR);
    }

    /** True if {@code n} is an SPR the e500v2 model knows. */
    public static boolean isKnown(int n) {
        return ACCESS[n & 0x3FF] != 0;
    }

    /**
     * Checks an mfspr of SPR {@code n}. Returns true if the read is performed, false if it is a no-op;
     * raises the privileged-register program interrupt (and throws {@link GuestTrap}) otherwise.
     */
    static boolean checkRead(Cpu c, int n) {
        int a = ACCESS[n];
        boolean user = (c.msr & Msr.PR) != 0;
        if (a != 0) {
            if ((a & (user ? UR : SR)) == 0) {
                throw c.programInterrupt(ESR_PPR);
            }
            return true;
        }
        if (user || ((n & 0x10) == 0 && (n == 0 || n == 4 || n == 5 || n == 6))) {
            throw c.programInterrupt(ESR_PPR);
        }
        return false;
    }

    /** Checks an mtspr of SPR {@code n}, as {@link #checkRead} does (only SPR 0 faults in supervisor mode). */
    static boolean checkWrite(Cpu c, int n) {
        int a = ACCESS[n];
        boolean user = (c.msr & Msr.PR) != 0;
        if (a != 0) {
            if ((a & (user ? UW : SW)) == 0) {
                throw c.programInterrupt(ESR_PPR);
            }
            return true;
        }
        if (user || n == 0) {
            throw c.programInterrupt(ESR_PPR);
        }
        return false;
    }

    /** The value of known SPR {@code n} (access already checked). */
    static int read(Cpu c, int n) {
        switch (n) {
            case XER:
                return c.xer();
            case LR:
                return c.lr;
            case CTR:
                return c.ctr;
            case USPRG3, USPRG4, USPRG4 + 1, USPRG4 + 2, USPRG7:
                // user-mode read-only aliases of SPRG3..SPRG7
                return c.spr[n + 16];
            case TBL_WRITE, TBU_WRITE:
                // the write numbers read the time base too, as QEMU allows
                return read(c, n - (TBL_WRITE - TBL_READ));
            default:
                if (Mmu.isMmuSpr(n)) {
                    return c.mmu.readSpr(n);
                }
                if (Timers.isTimerSpr(n)) {
                    return c.timers.readSpr(n);
                }
                return c.spr[n];
        }
    }

    /** Writes known SPR {@code n} (access already checked). */
    static void write(Cpu c, int n, int v) {
        switch (n) {
            case XER -> c.setXer(v);
            case LR -> c.lr = v;
            case CTR -> c.ctr = v;
            case IVPR -> c.spr[n] = v & 0xFFFF0000;
            case DBSR -> c.spr[n] &= ~v; // write one to clear
            // L1 cache control: only the enable and parity-enable bits are kept; flash invalidate and
            // lock flash reset complete at once and read back 0 (as on QEMU)
            case L1CSR0, L1CSR1 -> c.spr[n] = v & (L1CSR_CE | L1CSR_CPE);
            case PIR -> {
                // PIR identifies the core and is read-only in Book E; the write is ignored. (QEMU 7.2
                // accepts the write but stores v & 0xF into SPR 1023, i.e. SVR — not reproduced.)
            }
            case DBCR0 -> {
                c.spr[n] = v;
                if ((v & DBCR0_RST) != 0) {
                    c.requestReset();
                }
            }
            default -> {
                if (n >= IVOR0 && n <= IVOR15 || n >= IVOR32 && n <= IVOR35) {
                    c.spr[n] = v & 0xFFF0;
                } else if (Mmu.isMmuSpr(n)) {
                    c.mmu.writeSpr(n, v);
                } else if (Timers.isTimerSpr(n)) {
                    c.timers.writeSpr(n, v);
                } else {
                    c.spr[n] = v;
                }
            }
        }
    }

    /** Puts the SPRs kept in {@link Cpu#spr} into their power-on state (the MMU and timers reset their own). */
    public static void reset(Cpu c) {
        java.util.Arrays.fill(c.spr, 0);
        c.spr[PVR] = PVR_E500V2;
        c.spr[SVR] = SVR_PPCE500;
        c.spr[L1CFG0] = L1CFG_E500V2;
        c.spr[L1CFG1] = L1CFG_E500V2;
        // fallbacks for when the MMU does not implement its configuration registers itself
        c.spr[TLB0CFG] = 4 << 24 | 1 << 20 | 1 << 16 | 512;
        c.spr[TLB1CFG] = 16 << 24 | 1 << 20 | 12 << 16 | 0xC000 | 16;
    }

    /** The SPR number of IVORn. */
    public static int ivorSpr(int ivor) {
        return ivor < 16 ? IVOR0 + ivor : IVOR32 + (ivor - 32);
    }
}
