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
    public static final int ADDI = 1, ADDIS = 2, ADD = 3;
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

    private static final Insn[] INTEGER = {
        d(ADDI, "addi", 14, "rD,rA0,SIMM", 0),
        d(ADDIS, "addis", 15, "rD,rA0,SIMM", 0),
        xo(ADD, "add", 31, 266, "rD,rA,rB", 0),
        d(B, "b", 18, "LI", Insn.BRANCH | Insn.HAS_LK),
        d(BC, "bc", 16, "BO,BI,BD", Insn.BRANCH | Insn.HAS_LK),
        x(BCLR, "bclr", 19, 16, "BO,BI", Insn.BRANCH | Insn.HAS_LK),
        x(BCCTR, "bcctr", 19, 528, "BO,BI", Insn.BRANCH | Insn.HAS_LK),
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
