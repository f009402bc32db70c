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

    private static final Insn[] INTEGER = {
        d(ADDI, "addi", 14, "rD,rA0,SIMM", 0),
        d(ADDIS, "addis", 15, "rD,rA0,SIMM", 0),
        xo(ADD, "add", 31, 266, "rD,rA,rB", 0),
        d(B, "b", 18, "LI", Insn.BRANCH | Insn.HAS_LK),
        d(BC, "bc", 16, "BO,BI,BD", Insn.BRANCH | Insn.HAS_LK),
        x(BCLR, "bclr", 19, 16, "BO,BI", Insn.BRANCH | Insn.HAS_LK),
        x(BCCTR, "bcctr", 19, 528, "BO,BI", Insn.BRANCH | Insn.HAS_LK),
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
