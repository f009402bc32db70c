package dev.partita.cpu;

import java.util.ArrayList;
import java.util.List;

/**
 * The e500v2 instruction table: every instruction is declared here once, as an id constant and one
 * {@link Insn} row. The decoder, the interpreter's switch, the disassembler and the translator are
 * all derived from it. Semantics live in the classes named per section ({@link Alu}, {@link Branch},
 * {@link LoadStore}, {@link SystemOps}).
 *
 * <p>Id 0 is {@link #ILLEGAL}: any word no row matches (an illegal-instruction program interrupt).
 */
public final class Isa {
    private Isa() {}

    public static final int ILLEGAL = 0;

    // ===== integer arithmetic, logical, rotate, compare, CR, branch (Alu, Branch) =====
    public static final int ADDI = 1, ADDIS = 2, ADD = 3, ADDC = 4, ADDE = 5, ADDIC = 6, ADDIC_RC = 7,
            ADDME = 8, ADDZE = 9, SUBF = 10, SUBFC = 11, SUBFE = 12, SUBFIC = 13, SUBFME = 14, SUBFZE = 15,
            NEG = 16, MULHW = 17, MULHWU = 18, MULLI = 19, MULLW = 20, DIVW = 21, DIVWU = 22;
    public static final int AND = 30, ANDC = 31, ANDI_RC = 32, ANDIS_RC = 33, OR = 34, ORC = 35, ORI = 36,
            ORIS = 37, XOR = 38, XORI = 39, XORIS = 40, NAND = 41, NOR = 42, EQV = 43, EXTSB = 44, EXTSH = 45,
            CNTLZW = 46;
    public static final int RLWIMI = 50, RLWINM = 51, RLWNM = 52, SLW = 53, SRW = 54, SRAW = 55, SRAWI = 56;
    public static final int CMP = 60, CMPI = 61, CMPL = 62, CMPLI = 63;
    public static final int CRAND = 70, CROR = 71, CRXOR = 72, CRNAND = 73, CRNOR = 74, CREQV = 75,
            CRANDC = 76, CRORC = 77, MCRF = 78, MCRXR = 79, MFCR = 80, MFOCRF = 81, MTCRF = 82, MTOCRF = 83,
            ISEL = 84;
    public static final int B = 100, BC = 101, BCLR = 102, BCCTR = 103;
    // ===== end integer section =====

    // ===== loads and stores (LoadStore) =====
    // The e500v2 set QEMU 7.2 accepts (PPC_INSNS_BASE): no floating-point loads/stores (opcodes
    // 48-55 and their X forms) and no string instructions (lswi/lswx/stswi/stswx, no PPC_STRING);
    // those decode to ILLEGAL. External-PID forms (lbepx...stwepx) are left out too: QEMU accepts
    // them because of its Book E 2.06 flag, but the e500v2 does not implement them.
    public static final int LWZ = 200, STW = 201, LWZU = 202, LBZ = 203, LBZU = 204, STWU = 205;
    public static final int STB = 206, STBU = 207, LHZ = 208, LHZU = 209, LHA = 210, LHAU = 211;
    public static final int STH = 212, STHU = 213, LMW = 214, STMW = 215;
    public static final int LWZX = 216, LWZUX = 217, LBZX = 218, LBZUX = 219, STWX = 220, STWUX = 221;
    public static final int STBX = 222, STBUX = 223, LHZX = 224, LHZUX = 225, LHAX = 226, LHAUX = 227;
    public static final int STHX = 228, STHUX = 229, LWBRX = 230, STWBRX = 231, LHBRX = 232, STHBRX = 233;
    public static final int LWARX = 234, STWCX = 235;
    // ===== end load/store section =====

    // ===== system: SPRs, MSR, interrupts, traps, sync, cache, TLB, SPE (SystemOps) =====
    // As accepted by QEMU 7.2's e500v2 model: no mftb (no PPC_MFTB: use mfspr 268/269), no mfpmr/mtpmr, no icbtls/dcbtstls/icblc, no eieio (mbar has its encoding);
    // rfdi is accepted (PPC_RFDI). rfmci is accepted although QEMU 7.2 lacks it (PPC_RFMCI): the
    // e500v2 has it and Linux returns from machine checks with it. tlbilx and the external-PID cache ops are left out as above.
    public static final int MFSPR = 300, MTSPR = 301, SC = 302, MFMSR = 303, MTMSR = 304;
    public static final int WRTEE = 305, WRTEEI = 306, RFI = 307, RFCI = 308, RFDI = 309;
    public static final int TW = 310, TWI = 311, SYNC = 312, ISYNC = 313, MBAR = 314;
    public static final int DCBF = 315, DCBST = 316, DCBT = 317, DCBTST = 318, DCBZ = 319, DCBI = 320;
    public static final int DCBA = 321, ICBI = 322, ICBT = 323, DCBTLS = 324, DCBLC = 325;
    public static final int TLBWE = 326, TLBRE = 327, TLBSX = 328, TLBIVAX = 329, TLBSYNC = 330;
    public static final int SPE = 331, RFMCI = 332;
    // ===== end system section =====

    /** One past the largest id. */
    public static final int COUNT = 512;

    // ---- encodings ----
    static int po(int w) {
        return w << 26;
    }

    /** Primary opcode only (D, I, B, M forms). */
    static Insn d(int id, String mn, int po, String ops, int flags) {
        return new Insn(id, mn, po << 26, 0xFC000000, ops, flags);
    }

    /** X and XL forms: primary opcode and 10-bit extended opcode in bits 21-30. */
    static Insn x(int id, String mn, int po, int xo, String ops, int flags) {
        return new Insn(id, mn, po << 26 | xo << 1, 0xFC0007FE, ops, flags);
    }

    /** XO form: primary opcode and 9-bit extended opcode in bits 22-30 (bit 21 is OE). */
    static Insn xo(int id, String mn, int po, int xo, String ops, int flags) {
        return new Insn(id, mn, po << 26 | xo << 1, 0xFC0003FE, ops, flags | Insn.HAS_OE | Insn.HAS_RC);
    }

    /** Any other encoding, given as an explicit match and mask. */
    static Insn raw(int id, String mn, int match, int mask, String ops, int flags) {
        return new Insn(id, mn, match, mask, ops, flags);
    }

    /*
     * Integer rows. Masks include the reserved bits that QEMU 7.2's e500v2 model requires to be 0
     * (its "invalid bits"): a word with one of them set is an illegal instruction there, so it
     * decodes to ILLEGAL here. Bits QEMU ignores are left out of the masks.
     */
    private static final int RB_FIELD = 0x0000F800, CMP_L = 0x00200000, MFOCRF_BIT = 0x00100000;

    private static final Insn[] INTEGER = {
        // arithmetic
        d(ADDI, "addi", 14, "rD,rA0,SIMM", 0),
        d(ADDIS, "addis", 15, "rD,rA0,SIMM", 0),
        xo(ADD, "add", 31, 266, "rD,rA,rB", 0),
        xo(ADDC, "addc", 31, 10, "rD,rA,rB", 0),
        xo(ADDE, "adde", 31, 138, "rD,rA,rB", 0),
        d(ADDIC, "addic", 12, "rD,rA,SIMM", 0),
        d(ADDIC_RC, "addic.", 13, "rD,rA,SIMM", 0),
        raw(ADDME, "addme", 31 << 26 | 234 << 1, 0xFC0003FE | RB_FIELD, "rD,rA", Insn.HAS_OE | Insn.HAS_RC),
        raw(ADDZE, "addze", 31 << 26 | 202 << 1, 0xFC0003FE | RB_FIELD, "rD,rA", Insn.HAS_OE | Insn.HAS_RC),
        xo(SUBF, "subf", 31, 40, "rD,rA,rB", 0),
        xo(SUBFC, "subfc", 31, 8, "rD,rA,rB", 0),
        xo(SUBFE, "subfe", 31, 136, "rD,rA,rB", 0),
        d(SUBFIC, "subfic", 8, "rD,rA,SIMM", 0),
        raw(SUBFME, "subfme", 31 << 26 | 232 << 1, 0xFC0003FE | RB_FIELD, "rD,rA", Insn.HAS_OE | Insn.HAS_RC),
        raw(SUBFZE, "subfze", 31 << 26 | 200 << 1, 0xFC0003FE | RB_FIELD, "rD,rA", Insn.HAS_OE | Insn.HAS_RC),
        raw(NEG, "neg", 31 << 26 | 104 << 1, 0xFC0003FE | RB_FIELD, "rD,rA", Insn.HAS_OE | Insn.HAS_RC),
        x(MULHW, "mulhw", 31, 75, "rD,rA,rB", Insn.HAS_RC), // OE must be 0
        x(MULHWU, "mulhwu", 31, 11, "rD,rA,rB", Insn.HAS_RC),
        d(MULLI, "mulli", 7, "rD,rA,SIMM", 0),
        xo(MULLW, "mullw", 31, 235, "rD,rA,rB", 0),
        xo(DIVW, "divw", 31, 491, "rD,rA,rB", 0),
        xo(DIVWU, "divwu", 31, 459, "rD,rA,rB", 0),
        // logical
        x(AND, "and", 31, 28, "rA,rS,rB", Insn.HAS_RC),
        x(ANDC, "andc", 31, 60, "rA,rS,rB", Insn.HAS_RC),
        d(ANDI_RC, "andi.", 28, "rA,rS,UIMM", 0),
        d(ANDIS_RC, "andis.", 29, "rA,rS,UIMM", 0),
        x(OR, "or", 31, 444, "rA,rS,rB", Insn.HAS_RC),
        x(ORC, "orc", 31, 412, "rA,rS,rB", Insn.HAS_RC),
        d(ORI, "ori", 24, "rA,rS,UIMM", 0),
        d(ORIS, "oris", 25, "rA,rS,UIMM", 0),
        x(XOR, "xor", 31, 316, "rA,rS,rB", Insn.HAS_RC),
        d(XORI, "xori", 26, "rA,rS,UIMM", 0),
        d(XORIS, "xoris", 27, "rA,rS,UIMM", 0),
        x(NAND, "nand", 31, 476, "rA,rS,rB", Insn.HAS_RC),
        x(NOR, "nor", 31, 124, "rA,rS,rB", Insn.HAS_RC),
        x(EQV, "eqv", 31, 284, "rA,rS,rB", Insn.HAS_RC),
        x(EXTSB, "extsb", 31, 954, "rA,rS", Insn.HAS_RC), // QEMU ignores the rB field
        x(EXTSH, "extsh", 31, 922, "rA,rS", Insn.HAS_RC),
        x(CNTLZW, "cntlzw", 31, 26, "rA,rS", Insn.HAS_RC),
        // rotate and shift
        d(RLWIMI, "rlwimi", 20, "rA,rS,SH,MB,ME", Insn.HAS_RC),
        d(RLWINM, "rlwinm", 21, "rA,rS,SH,MB,ME", Insn.HAS_RC),
        d(RLWNM, "rlwnm", 23, "rA,rS,rB,MB,ME", Insn.HAS_RC),
        x(SLW, "slw", 31, 24, "rA,rS,rB", Insn.HAS_RC),
        x(SRW, "srw", 31, 536, "rA,rS,rB", Insn.HAS_RC),
        x(SRAW, "sraw", 31, 792, "rA,rS,rB", Insn.HAS_RC),
        x(SRAWI, "srawi", 31, 824, "rA,rS,SH", Insn.HAS_RC),
        // compare: L = 1 is an illegal instruction on the e500 (QEMU: 32-bit Book E 2.06 CPUs)
        raw(CMP, "cmp", 31 << 26, 0xFC0007FE | CMP_L, "crfD,L,rA,rB", 0),
        raw(CMPI, "cmpi", 11 << 26, 0xFC000000 | CMP_L, "crfD,L,rA,SIMM", 0),
        raw(CMPL, "cmpl", 31 << 26 | 32 << 1, 0xFC0007FE | CMP_L, "crfD,L,rA,rB", 0),
        raw(CMPLI, "cmpli", 10 << 26, 0xFC000000 | CMP_L, "crfD,L,rA,UIMM", 0),
        // condition register
        raw(CRAND, "crand", 19 << 26 | 257 << 1, 0xFC0007FF, "crbD,crbA,crbB", 0),
        raw(CROR, "cror", 19 << 26 | 449 << 1, 0xFC0007FF, "crbD,crbA,crbB", 0),
        raw(CRXOR, "crxor", 19 << 26 | 193 << 1, 0xFC0007FF, "crbD,crbA,crbB", 0),
        raw(CRNAND, "crnand", 19 << 26 | 225 << 1, 0xFC0007FF, "crbD,crbA,crbB", 0),
        raw(CRNOR, "crnor", 19 << 26 | 33 << 1, 0xFC0007FF, "crbD,crbA,crbB", 0),
        raw(CREQV, "creqv", 19 << 26 | 289 << 1, 0xFC0007FF, "crbD,crbA,crbB", 0),
        raw(CRANDC, "crandc", 19 << 26 | 129 << 1, 0xFC0007FF, "crbD,crbA,crbB", 0),
        raw(CRORC, "crorc", 19 << 26 | 417 << 1, 0xFC0007FF, "crbD,crbA,crbB", 0),
        raw(MCRF, "mcrf", 19 << 26, 0xFC0007FF, "crfD,crfS", 0),
        raw(MCRXR, "mcrxr", 31 << 26 | 512 << 1, 0xFC7FFFFF, "crfD", 0),
        raw(MFCR, "mfcr", 31 << 26 | 19 << 1, 0xFC000FFF | MFOCRF_BIT, "rD", 0),
        raw(MFOCRF, "mfocrf", 31 << 26 | MFOCRF_BIT | 19 << 1, 0xFC000FFF | MFOCRF_BIT, "rD,CRM", 0),
        raw(MTCRF, "mtcrf", 31 << 26 | 144 << 1, 0xFC000FFF | MFOCRF_BIT, "CRM,rS", 0),
        raw(MTOCRF, "mtocrf", 31 << 26 | MFOCRF_BIT | 144 << 1, 0xFC000FFF | MFOCRF_BIT, "CRM,rS", 0),
        raw(ISEL, "isel", 31 << 26 | 15 << 1, 0xFC00003F, "rD,rA0,rB,crb", 0),
        // branch
        d(B, "b", 18, "LI", Insn.BRANCH | Insn.HAS_LK),
        d(BC, "bc", 16, "BO,BI,BD", Insn.BRANCH | Insn.HAS_LK),
        x(BCLR, "bclr", 19, 16, "BO,BI,BH", Insn.BRANCH | Insn.HAS_LK),
        x(BCCTR, "bcctr", 19, 528, "BO,BI,BH", Insn.BRANCH | Insn.HAS_LK),
    };

    /**
     * X form whose reserved bits (QEMU's "invalid bits" mask for the instruction) must be zero:
     * a word with any of them set matches no row and is an illegal instruction, as on QEMU.
     */
    static Insn xRes(int id, String mn, int po, int xo, int reserved, String ops, int flags) {
        return new Insn(id, mn, po << 26 | xo << 1, 0xFC0007FE | reserved, ops, flags);
    }

    private static final int SUP = Insn.PRIVILEGED;

    private static final Insn[] LOAD_STORE = {
        d(LWZ, "lwz", 32, "rD,d(rA0)", 0),
        d(LWZU, "lwzu", 33, "rD,d(rA)", 0),
        d(LBZ, "lbz", 34, "rD,d(rA0)", 0),
        d(LBZU, "lbzu", 35, "rD,d(rA)", 0),
        d(STW, "stw", 36, "rS,d(rA0)", 0),
        d(STWU, "stwu", 37, "rS,d(rA)", 0),
        d(STB, "stb", 38, "rS,d(rA0)", 0),
        d(STBU, "stbu", 39, "rS,d(rA)", 0),
        d(LHZ, "lhz", 40, "rD,d(rA0)", 0),
        d(LHZU, "lhzu", 41, "rD,d(rA)", 0),
        d(LHA, "lha", 42, "rD,d(rA0)", 0),
        d(LHAU, "lhau", 43, "rD,d(rA)", 0),
        d(STH, "sth", 44, "rS,d(rA0)", 0),
        d(STHU, "sthu", 45, "rS,d(rA)", 0),
        d(LMW, "lmw", 46, "rD,d(rA0)", 0),
        d(STMW, "stmw", 47, "rS,d(rA0)", 0),
        // the indexed forms ignore bit 31, as QEMU's decoder does
        x(LWARX, "lwarx", 31, 20, "rD,rA0,rB", 0),
        x(LWZX, "lwzx", 31, 23, "rD,rA0,rB", 0),
        x(LWZUX, "lwzux", 31, 55, "rD,rA,rB", 0),
        x(LBZX, "lbzx", 31, 87, "rD,rA0,rB", 0),
        x(LBZUX, "lbzux", 31, 119, "rD,rA,rB", 0),
        x(STWCX, "stwcx", 31, 150, "rS,rA0,rB", Insn.HAS_RC),
        x(STWX, "stwx", 31, 151, "rS,rA0,rB", 0),
        x(STWUX, "stwux", 31, 183, "rS,rA,rB", 0),
        x(STBX, "stbx", 31, 215, "rS,rA0,rB", 0),
        x(STBUX, "stbux", 31, 247, "rS,rA,rB", 0),
        x(LHZX, "lhzx", 31, 279, "rD,rA0,rB", 0),
        x(LHZUX, "lhzux", 31, 311, "rD,rA,rB", 0),
        x(LHAX, "lhax", 31, 343, "rD,rA0,rB", 0),
        x(LHAUX, "lhaux", 31, 375, "rD,rA,rB", 0),
        x(STHX, "sthx", 31, 407, "rS,rA0,rB", 0),
        x(STHUX, "sthux", 31, 439, "rS,rA,rB", 0),
        xRes(LWBRX, "lwbrx", 31, 534, 1, "rD,rA0,rB", 0),
        x(STWBRX, "stwbrx", 31, 662, "rS,rA0,rB", 0),
        xRes(LHBRX, "lhbrx", 31, 790, 1, "rD,rA0,rB", 0),
        x(STHBRX, "sthbrx", 31, 918, "rS,rA0,rB", 0),
    };

    private static final Insn[] SYSTEM = {
        xRes(MFSPR, "mfspr", 31, 339, 1, "rD,SPR", 0),
        x(MTSPR, "mtspr", 31, 467, "SPR,rS", 0),
        // sc: LEV (bits 20-26) is ignored
        raw(SC, "sc", 17 << 26 | 2, 0xFFFFF01F, "", Insn.BRANCH),
        xRes(MFMSR, "mfmsr", 31, 83, 0x001FF801, "rD", SUP),
        // mtmsr: bit 15 (L) is accepted; L = 1 changes only MSR[EE]
        xRes(MTMSR, "mtmsr", 31, 146, 0x001EF801, "rS", SUP),
        xRes(WRTEE, "wrtee", 31, 131, 0x000FFC01, "rS", SUP),
        xRes(WRTEEI, "wrteei", 31, 163, 0x000E7C01, "E", SUP),
        xRes(RFI, "rfi", 19, 50, 0x03FF8001, "", Insn.BRANCH | SUP),
        xRes(RFCI, "rfci", 19, 51, 0x03FF8001, "", Insn.BRANCH | SUP),
        xRes(RFDI, "rfdi", 19, 39, 0x03FF8001, "", Insn.BRANCH | SUP),
        xRes(RFMCI, "rfmci", 19, 38, 0x03FF8001, "", Insn.BRANCH | SUP),
        xRes(TW, "tw", 31, 4, 1, "TO,rA,rB", 0),
        d(TWI, "twi", 3, "TO,rA,SIMM", 0),
        // sync/msync: L (bits 9-10) accepted and ignored
        xRes(SYNC, "sync", 31, 598, 0x039FF801, "", 0),
        xRes(ISYNC, "isync", 19, 150, 0x03FFF801, "", 0),
        xRes(MBAR, "mbar", 31, 854, 0x001FF801, "", 0),
        xRes(DCBF, "dcbf", 31, 86, 0x03C00001, "rA0,rB", 0),
        xRes(DCBST, "dcbst", 31, 54, 0x03E00001, "rA0,rB", 0),
        xRes(DCBT, "dcbt", 31, 278, 1, "rA0,rB", 0),
        xRes(DCBTST, "dcbtst", 31, 246, 1, "rA0,rB", 0),
        xRes(DCBZ, "dcbz", 31, 1014, 0x03C00001, "rA0,rB", 0),
        xRes(DCBI, "dcbi", 31, 470, 0x03E00001, "rA0,rB", SUP),
        xRes(DCBA, "dcba", 31, 758, 0x03E00001, "rA0,rB", 0),
        xRes(ICBI, "icbi", 31, 982, 0x03E00001, "rA0,rB", 0),
        // icbt: QEMU accepts only CT = 0
        xRes(ICBT, "icbt", 31, 22, 0x03E00001, "CT,rA0,rB", 0),
        xRes(DCBTLS, "dcbtls", 31, 166, 0x02000001, "CT,rA0,rB", 0),
        xRes(DCBLC, "dcblc", 31, 390, 0x02000001, "CT,rA0,rB", 0),
        xRes(TLBWE, "tlbwe", 31, 978, 1, "", SUP),
        xRes(TLBRE, "tlbre", 31, 946, 1, "", SUP),
        x(TLBSX, "tlbsx", 31, 914, "rA0,rB", SUP),
        xRes(TLBIVAX, "tlbivax", 31, 786, 1, "rA0,rB", SUP),
        xRes(TLBSYNC, "tlbsync", 31, 566, 0x03FFF801, "", SUP),
        // primary opcode 4: SPE, embedded floating point; classified by Spe
        raw(SPE, "spe", 4 << 26, 0xFC000000, "", 0),
    };

    private static final Insn[] BY_ID = new Insn[COUNT];

    static {
        for (Insn[] section : new Insn[][] {INTEGER, LOAD_STORE, SYSTEM}) {
            for (Insn i : section) {
                if (i.id <= 0 || i.id >= COUNT || BY_ID[i.id] != null) {
                    throw new ExceptionInInitializerError("bad or duplicate instruction id " + i.id + " for " + i.mnemonic);
                }
                BY_ID[i.id] = i;
            }
        }
    }

    /** The row with this id, or null. */
    public static Insn byId(int id) {
        return id > 0 && id < COUNT ? BY_ID[id] : null;
    }

    /** All rows, in id order. */
    public static List<Insn> all() {
        List<Insn> out = new ArrayList<>();
        for (Insn i : BY_ID) {
            if (i != null) {
                out.add(i);
            }
        }
        return out;
    }
}
