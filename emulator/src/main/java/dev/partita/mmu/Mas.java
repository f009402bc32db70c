package dev.partita.mmu;

/**
 * Field masks of the MMU assist registers (MAS0-MAS4, MAS6, MAS7) and the e500v2 MMU configuration
 * registers, as QEMU's booke206 model lays them out for an e500v2.
 *
 * <p>QEMU keeps the Book E 2.06 field widths: MAS1[TSIZE] is five bits at bit 7 (page size
 * {@code 1 KiB << TSIZE}), so the e500's four-bit TSIZE at bit 8 ({@code 4^TSIZE KiB}) is the same
 * field with its low bit zero; MAS1[TID] and MAS6[SPID] are 14 bits wide.
 */
final class Mas {
    private Mas() {}

    static final int MAS0_ATSEL = 0x80000000;
    static final int MAS0_TLBSEL = 0x30000000;
    static final int MAS0_ESEL_SHIFT = 16;
    static final int MAS0_ESEL = 0xFFF << MAS0_ESEL_SHIFT;
    static final int MAS0_WQ = 0x00003000;
    static final int MAS0_NV = 0x00000FFF;

    static final int MAS1_V = 0x80000000;
    static final int MAS1_IPROT = 0x40000000;
    static final int MAS1_TID_SHIFT = 16;
    static final int MAS1_TID = 0x3FFF << MAS1_TID_SHIFT;
    static final int MAS1_TS = 0x00001000;
    static final int MAS1_TSIZE_SHIFT = 7;
    static final int MAS1_TSIZE = 0x1F << MAS1_TSIZE_SHIFT;

    static final int MAS2_EPN = 0xFFFFF000;
    /** ACM, VLE, W, I, M, G, E: the attribute bits tlbwe keeps. */
    static final int MAS2_ATTRIBUTES = 0x7F;
    static final int MAS2_E = 0x01;

    static final int MAS3_UX = 0x20, MAS3_SX = 0x10, MAS3_UW = 0x08, MAS3_SW = 0x04, MAS3_UR = 0x02, MAS3_SR = 0x01;

    static final int MAS4_TLBSELD = 0x30000000;
    static final int MAS4_TIDSELD = 0x00030000;
    static final int MAS4_TSIZED = MAS1_TSIZE;
    static final int MAS4_WIMGED = 0x1F;

    static final int MAS6_SPID_SHIFT = 16;
    static final int MAS6_SPID = 0x3FFF << MAS6_SPID_SHIFT;
    static final int MAS6_SAS = 0x00000001;

    /** MMUCSR0 flash-invalidate bits. */
    static final int MMUCSR0_TLB1FI = 0x2, MMUCSR0_TLB0FI = 0x4;

    /**
     * TLB0CFG as QEMU's e500v2 reports it: 4-way, minimum and maximum size 4 KiB, 512 entries, no
     * variable sizes, no IPROT.
     */
    static final int TLB0CFG = (4 << 24) | (1 << 20) | (1 << 16) | 512;
    /**
     * TLB1CFG as QEMU's e500v2 reports it: fully associative (16 ways), sizes 4 KiB (1) to
     * 4^12 KiB (12), variable page size (AVAIL 0x4000) and IPROT (0x8000), 16 entries.
     */
    static final int TLB1CFG = (16 << 24) | (1 << 20) | (12 << 16) | 0x4000 | 0x8000 | 16;
    /**
     * MMUCFG as QEMU 7.2's e500v2 reports it: 0 (MAVN = 0, version 1.0 MMU; QEMU fills in no other
     * field for e500v1/v2; the hardware would also report RASIZE 36, NPIDS 3, PIDSIZE 8, NTLBS 2).
     */
    static final int MMUCFG = 0;
}
