package dev.partita.mmu;

/**
 * One TLB entry: the MAS1/MAS2/MAS3/MAS7 images as tlbwe stored them, and the values translation
 * needs, decoded once when the entry is written.
 */
final class TlbEntry {
    /** 0 for TLB0, 1 for TLB1. */
    final int tlbn;
    /** The way (TLB0: 0..3 within its set; TLB1: the entry number 0..15). */
    final int way;

    int mas1, mas2, mas3, mas7;

    boolean valid;
    /** MAS1[TID]: 0 matches every PID. */
    int tid;
    /** MAS1[TS]: the address space (0 or 1). */
    int ts;
    /** The effective address bits that select the page (0 for pages of 4 GiB and more). */
    int eaMask;
    /** MAS2[EPN] (compared with {@code ea & eaMask}). */
    int epn;
    /** The page mask on the 64-bit real address. */
    long paMask;
    /** The real page number, {@code (MAS7 || MAS3) & paMask}. */
    long rpn;

    TlbEntry(int tlbn, int way) {
        this.tlbn = tlbn;
        this.way = way;
    }

    /** Page size in bytes for a MAS1 value: {@code 1 KiB << MAS1[TSIZE]}. */
    static long pageSize(int mas1) {
        return 1024L << ((mas1 & Mas.MAS1_TSIZE) >>> Mas.MAS1_TSIZE_SHIFT);
    }

    /**
     * Stores the entry as tlbwe does once MAS1 has been adjusted for the TLB: MAS2 keeps the EPN
     * bits above the page size and the attribute bits, MAS3/MAS7 are stored whole.
     */
    void write(int mas1, int mas2, int mas3, int mas7) {
        long mask = -pageSize(mas1);
        this.mas1 = mas1;
        this.mas2 = mas2 & ((int) mask | Mas.MAS2_ATTRIBUTES);
        this.mas3 = mas3;
        this.mas7 = mas7;
        decode();
    }

    void invalidate() {
        mas1 &= ~Mas.MAS1_V;
        valid = false;
    }

    private void decode() {
        paMask = -pageSize(mas1);
        valid = (mas1 & Mas.MAS1_V) != 0;
        tid = (mas1 & Mas.MAS1_TID) >>> Mas.MAS1_TID_SHIFT;
        ts = (mas1 & Mas.MAS1_TS) != 0 ? 1 : 0;
        eaMask = (int) paMask;
        epn = mas2 & Mas.MAS2_EPN;
        rpn = (((long) mas7 << 32) | (mas3 & 0xFFFFFFFFL)) & paMask;
    }

    /** True if the entry is valid, in address space {@code as}, has TID 0 or one of the PIDs, and covers {@code ea}. */
    boolean matches(int ea, int as, int pid0, int pid1, int pid2) {
        return valid && (ea & eaMask) == epn && ts == as && (tid == 0 || tid == pid0 || tid == pid1 || tid == pid2);
    }

    /** True if the entry's EPN covers {@code ea} (whatever V, TID and TS). */
    boolean coversPage(int ea) {
        return (ea & eaMask) == epn;
    }

    /** The real address of {@code ea} through this entry. */
    long physical(int ea) {
        return rpn | ((ea & 0xFFFFFFFFL) & ~paMask);
    }

    boolean littleEndian() {
        return (mas2 & Mas.MAS2_E) != 0;
    }

    @Override
    public String toString() {
        return String.format("TLB%d[%d] MAS1=%08x MAS2=%08x MAS3=%08x MAS7=%08x", tlbn, way, mas1, mas2, mas3, mas7);
    }
}
