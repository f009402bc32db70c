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
    public static final int LWZ = 200, STW = 201;
    // ===== end load/store section =====

    // ===== system: SPRs, MSR, interrupts, traps, sync, cache, TLB, SPE (SystemOps) =====
    public static final int MFSPR = 300, MTSPR = 301, SC = 302;
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

    private static final Insn[] LOAD_STORE = {
        d(LWZ, "lwz", 32, "rD,d(rA0)", 0),
        d(STW, "stw", 36, "rS,d(rA0)", 0),
    };

    private static final Insn[] SYSTEM = {
        x(MFSPR, "mfspr", 31, 339, "rD,SPR", 0),
        x(MTSPR, "mtspr", 31, 467, "SPR,rS", 0),
        raw(SC, "sc", 17 << 26 | 2, 0xFFFFFFFF, "", Insn.BRANCH),
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
