package dev.partita.mmu;

/**
 * The two TLB arrays of an e500v2 and the operations that address them: entry selection by
 * MAS0/MAS2, the translation search, and invalidation.
 *
 * <p>TLB0: 512 entries, 4-way set associative; the set of an address is {@code (EA >> 12) & 127} and
 * entry {@code set * 4 + way}. TLB1: 16 entries, fully associative. Searches look at the four ways of
 * TLB0's set first, then TLB1 entries 0..15, and take the first entry that matches (QEMU's order;
 * the architecture leaves multiple hits undefined). The next-victim counter is QEMU's single
 * round-robin counter over TLB0's four ways.
 */
final class Tlbs {
    static final int TLB0_WAYS = 4;
    static final int TLB0_SETS = 128;
    static final int TLB0_ENTRIES = TLB0_WAYS * TLB0_SETS;
    static final int TLB1_ENTRIES = 16;

    final TlbEntry[] tlb0 = new TlbEntry[TLB0_ENTRIES];
    final TlbEntry[] tlb1 = new TlbEntry[TLB1_ENTRIES];

    /** Next victim (MAS0[NV]), 0..3. */
    int nextVictim;

    Tlbs() {
        for (int i = 0; i < TLB0_ENTRIES; i++) {
            tlb0[i] = new TlbEntry(0, i & (TLB0_WAYS - 1));
        }
        for (int i = 0; i < TLB1_ENTRIES; i++) {
            tlb1[i] = new TlbEntry(1, i);
        }
    }

    static int set(int ea) {
        return (ea >>> 12) & (TLB0_SETS - 1);
    }

    /**
     * The entry MAS0[TLBSEL, ESEL] and MAS2[EPN] name: TLB0 uses the low two ESEL bits as the way in
     * the set of {@code ea}, TLB1 the low four bits. Null for TLBSEL 2 and 3, which the e500v2 lacks.
     */
    TlbEntry select(int tlbsel, int esel, int ea) {
        return switch (tlbsel) {
            case 0 -> tlb0[set(ea) * TLB0_WAYS + (esel & (TLB0_WAYS - 1))];
            case 1 -> tlb1[esel & (TLB1_ENTRIES - 1)];
            default -> null;
        };
    }

    /**
     * The first valid entry that maps {@code ea} in address space {@code as} for one of the PIDs
     * (an entry with TID 0 matches any PID), or null.
     */
    TlbEntry find(int ea, int as, int pid0, int pid1, int pid2) {
        TlbEntry[] t = tlb0;
        int base = set(ea) * TLB0_WAYS;
        for (int w = 0; w < TLB0_WAYS; w++) {
            TlbEntry e = t[base + w];
            if (e.matches(ea, as, pid0, pid1, pid2)) {
                return e;
            }
        }
        t = tlb1;
        for (int i = 0; i < TLB1_ENTRIES; i++) {
            TlbEntry e = t[i];
            if (e.matches(ea, as, pid0, pid1, pid2)) {
                return e;
            }
        }
        return null;
    }

    /** Advances the next-victim counter and returns its old value. */
    int takeVictim() {
        int v = nextVictim;
        nextVictim = (v + 1) & (TLB0_WAYS - 1);
        return v;
    }

    /** Invalidates every entry of TLB{@code tlbn}, except IPROT entries when {@code keepIprot}. */
    void invalidateAll(int tlbn, boolean keepIprot) {
        for (TlbEntry e : tlbn == 0 ? tlb0 : tlb1) {
            if (!keepIprot || (e.mas1 & Mas.MAS1_IPROT) == 0) {
                e.invalidate();
            }
        }
    }

    /**
     * tlbivax by address: invalidates the entries of TLB{@code tlbn} (TLB0: the set of {@code ea})
     * whose EPN covers {@code ea}, whatever their TID, TS and V, unless IPROT is set.
     */
    void invalidateEa(int tlbn, int ea) {
        if (tlbn == 0) {
            int base = set(ea) * TLB0_WAYS;
            for (int w = 0; w < TLB0_WAYS; w++) {
                invalidateIfCovers(tlb0[base + w], ea);
            }
        } else {
            for (TlbEntry e : tlb1) {
                invalidateIfCovers(e, ea);
            }
        }
    }

    private static void invalidateIfCovers(TlbEntry e, int ea) {
        if (e.coversPage(ea) && (e.mas1 & Mas.MAS1_IPROT) == 0) {
            e.invalidate();
        }
    }

    void reset() {
        invalidateAll(0, false);
        invalidateAll(1, false);
        nextVictim = 0;
    }
}
