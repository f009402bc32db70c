package dev.partita.firmware;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates random blocks of e500 integer code for the randomized differential test, with a random
 * initial state. The generated code
 * <ul>
 *   <li>never writes r1 (stack) or r2 (base of the 256-byte scratch buffer);</li>
 *   <li>computes every load/store address as r2 + offset inside the buffer (misaligned offsets included,
 *       except for lwarx/stwcx./lmw/stmw which stay word aligned);</li>
 *   <li>branches only forward, to the start of a later instruction group, so it always reaches the end;</li>
 *   <li>avoids results the architecture leaves undefined (division by zero or 0x80000000 / -1) by
 *       forcing the divisor first, and writes only SO/OV/CA/byte count into XER.</li>
 * </ul>
 * Everything else (operands, OE/Rc, CR fields, masks, shift counts, branch conditions) is random.
 */
final class RandomBlockGenerator {
    static final int MAX_CODE = 256;
    static final int SCRATCH_BYTES = 256;
    private static final int GUARD = 8; // words: the largest instruction group

    /** One generated block: initial state, scratch contents, code (padded with nops) and a listing. */
    record Block(int[] gpr, int cr, int xer, int ctr, int lr, byte[] scratch, int[] code, List<String> listing) {}

    private final Random rnd;

    RandomBlockGenerator(long seed) {
        this.rnd = new Random(seed);
    }

    private record Group(int[] words, String[] text, int skip, int bo, int bi, boolean lk) {
        static Group of(int[] words, String... text) {
            return new Group(words, text, 0, 0, 0, false);
        }
    }

    Block next(int targetWords) {
        List<Group> groups = new ArrayList<>();
        int words = 0;
        int limit = Math.min(targetWords, MAX_CODE) - GUARD;
        while (words < limit) {
            Group g = group();
            groups.add(g);
            words += g.words.length;
        }
        int[] code = new int[MAX_CODE];
        java.util.Arrays.fill(code, PpcAsm.NOP);
        List<String> listing = new ArrayList<>();
        int[] start = new int[groups.size() + 1];
        for (int i = 0; i < groups.size(); i++) {
            start[i + 1] = start[i] + groups.get(i).words.length;
        }
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            int at = start[i];
            if (g.skip > 0) {
                int target = i + 1 + g.skip <= groups.size() ? start[i + 1 + g.skip] : MAX_CODE;
                int disp = (target - at) * 4;
                if (g.bo < 0) {
                    code[at] = PpcAsm.b(disp, g.lk);
                    listing.add(String.format("%3d: b%s +%d", at, g.lk ? "l" : "", disp));
                } else {
                    code[at] = PpcAsm.bc(g.bo, g.bi, disp, g.lk);
                    listing.add(String.format("%3d: bc%s %d,%d,+%d", at, g.lk ? "l" : "", g.bo, g.bi, disp));
                }
                continue;
            }
            for (int k = 0; k < g.words.length; k++) {
                code[at + k] = g.words[k];
                listing.add(String.format("%3d: %s", at + k, g.text[k]));
            }
        }
        int[] gpr = new int[32];
        for (int r = 0; r < 32; r++) {
            gpr[r] = value();
        }
        gpr[1] = 0;
        gpr[2] = 0;
        int cr = rnd.nextInt();
        int xer = (rnd.nextInt() & 0xE000_0000) | rnd.nextInt(128);
        int ctr = rnd.nextInt(4) == 0 ? rnd.nextInt() : rnd.nextInt(6);
        int lr = rnd.nextInt() & ~3;
        byte[] scratch = new byte[SCRATCH_BYTES];
        rnd.nextBytes(scratch);
        return new Block(gpr, cr, xer, ctr, lr, scratch, code, listing);
    }

    private static final int[] SPECIAL = {0, 1, -1, 0x8000_0000, 0x7FFF_FFFF, 0x8000, 0xFFFF, 0x7FFF, 2, 31, 32, 63};

    private int value() {
        return switch (rnd.nextInt(4)) {
            case 0 -> SPECIAL[rnd.nextInt(SPECIAL.length)];
            case 1 -> rnd.nextInt(64) - 32;
            default -> rnd.nextInt();
        };
    }

    /** A destination register: r0 or r3..r31. */
    private int dst() {
        int r = rnd.nextInt(30);
        return r == 0 ? 0 : r + 2;
    }

    /** A destination register usable as a base address (never r0). */
    private int base() {
        return rnd.nextInt(29) + 3;
    }

    private int src() {
        return rnd.nextInt(32);
    }

    private static String r(int n) {
        return "r" + n;
    }

    // ---- instruction tables (names as in Book E) ----
    private record XoOp(String name, int xo, boolean unary, boolean hasOe, int div) {}

    private static final XoOp[] XO_OPS = {
        new XoOp("add", 266, false, true, 0), new XoOp("addc", 10, false, true, 0),
        new XoOp("adde", 138, false, true, 0), new XoOp("addme", 234, true, true, 0),
        new XoOp("addze", 202, true, true, 0), new XoOp("subf", 40, false, true, 0),
        new XoOp("subfc", 8, false, true, 0), new XoOp("subfe", 136, false, true, 0),
        new XoOp("subfme", 232, true, true, 0), new XoOp("subfze", 200, true, true, 0),
        new XoOp("neg", 104, true, true, 0), new XoOp("mullw", 235, false, true, 0),
        new XoOp("mulhw", 75, false, false, 0), new XoOp("mulhwu", 11, false, false, 0),
        new XoOp("divw", 491, false, true, 1), new XoOp("divwu", 459, false, true, 2),
    };

    private record Op(String name, int code) {}

    private static final Op[] D_ARITH = {new Op("addi", 14), new Op("addis", 15), new Op("addic", 12),
        new Op("addic.", 13), new Op("subfic", 8), new Op("mulli", 7)};
    private static final Op[] D_LOGIC = {new Op("andi.", 28), new Op("andis.", 29), new Op("ori", 24),
        new Op("oris", 25), new Op("xori", 26), new Op("xoris", 27)};
    private static final Op[] X_LOGIC = {new Op("and", 28), new Op("andc", 60), new Op("or", 444),
        new Op("orc", 412), new Op("xor", 316), new Op("nand", 476), new Op("nor", 124), new Op("eqv", 284),
        new Op("slw", 24), new Op("srw", 536), new Op("sraw", 792)};
    private static final Op[] X_UNARY = {new Op("extsb", 954), new Op("extsh", 922), new Op("cntlzw", 26)};
    private static final Op[] CR_OPS = {new Op("crand", 257), new Op("crandc", 129), new Op("creqv", 289),
        new Op("crnand", 225), new Op("crnor", 33), new Op("cror", 449), new Op("crorc", 417),
        new Op("crxor", 193)};

    /** Load/store: name, D-form opcode or X-form xo, size, X form, update, store. */
    private record Mem(String name, int code, int size, boolean xform, boolean update, boolean store) {}

    private static final Mem[] MEMS = {
        new Mem("lbz", 34, 1, false, false, false), new Mem("lbzu", 35, 1, false, true, false),
        new Mem("lhz", 40, 2, false, false, false), new Mem("lhzu", 41, 2, false, true, false),
        new Mem("lha", 42, 2, false, false, false), new Mem("lhau", 43, 2, false, true, false),
        new Mem("lwz", 32, 4, false, false, false), new Mem("lwzu", 33, 4, false, true, false),
        new Mem("stb", 38, 1, false, false, true), new Mem("stbu", 39, 1, false, true, true),
        new Mem("sth", 44, 2, false, false, true), new Mem("sthu", 45, 2, false, true, true),
        new Mem("stw", 36, 4, false, false, true), new Mem("stwu", 37, 4, false, true, true),
        new Mem("lbzx", 87, 1, true, false, false), new Mem("lbzux", 119, 1, true, true, false),
        new Mem("lhzx", 279, 2, true, false, false), new Mem("lhzux", 311, 2, true, true, false),
        new Mem("lhax", 343, 2, true, false, false), new Mem("lhaux", 375, 2, true, true, false),
        new Mem("lwzx", 23, 4, true, false, false), new Mem("lwzux", 55, 4, true, true, false),
        new Mem("stbx", 215, 1, true, false, true), new Mem("stbux", 247, 1, true, true, true),
        new Mem("sthx", 407, 2, true, false, true), new Mem("sthux", 439, 2, true, true, true),
        new Mem("stwx", 151, 4, true, false, true), new Mem("stwux", 183, 4, true, true, true),
        new Mem("lhbrx", 790, 2, true, false, false), new Mem("lwbrx", 534, 4, true, false, false),
        new Mem("sthbrx", 918, 2, true, false, true), new Mem("stwbrx", 662, 4, true, false, true),
    };

    /** Valid BO encodings with the z bits clear (y, the hint bit, random). */
    private static final int[] BOS = {0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20};

    private Group group() {
        int k = rnd.nextInt(100);
        if (k < 22) return xoArith();
        if (k < 30) return dArith();
        if (k < 36) return dLogic();
        if (k < 46) return xLogic();
        if (k < 49) return xUnary();
        if (k < 52) return srawi();
        if (k < 58) return rotate();
        if (k < 63) return compare();
        if (k < 70) return crOp();
        if (k < 74) return sprMove();
        if (k < 90) return memory();
        if (k < 92) return multiple();
        if (k < 94) return atomic();
        if (k < 95) return dcbz();
        return branch();
    }

    private Group xoArith() {
        XoOp o = XO_OPS[rnd.nextInt(XO_OPS.length)];
        boolean oe = o.hasOe && rnd.nextBoolean();
        boolean rc = rnd.nextBoolean();
        String name = o.name + (oe ? "o" : "") + (rc ? "." : "");
        int rd = dst(), ra = src();
        if (o.unary) {
            return Group.of(new int[] {PpcAsm.xo(rd, ra, 0, oe, o.xo, rc)}, name + " " + r(rd) + "," + r(ra));
        }
        if (o.div == 0) {
            int rb = src();
            return Group.of(new int[] {PpcAsm.xo(rd, ra, rb, oe, o.xo, rc)},
                    name + " " + r(rd) + "," + r(ra) + "," + r(rb));
        }
        int rb = dst(); // the guard rewrites the divisor, so it must be writable
        String text = name + " " + r(rd) + "," + r(ra) + "," + r(rb);
        if (o.div == 2) {
            return Group.of(new int[] {PpcAsm.ori(rb, rb, 1), PpcAsm.xo(rd, ra, rb, oe, o.xo, rc)},
                    "ori " + r(rb) + "," + r(rb) + ",1", text);
        }
        return Group.of(new int[] {PpcAsm.m(21, rb, rb, 0, 1, 31, false), PpcAsm.ori(rb, rb, 1),
            PpcAsm.xo(rd, ra, rb, oe, o.xo, rc)},
                "rlwinm " + r(rb) + "," + r(rb) + ",0,1,31", "ori " + r(rb) + "," + r(rb) + ",1", text);
    }

    private int imm16() {
        return rnd.nextInt(3) == 0 ? SPECIAL[rnd.nextInt(SPECIAL.length)] & 0xFFFF : rnd.nextInt(0x10000);
    }

    private Group dArith() {
        Op o = D_ARITH[rnd.nextInt(D_ARITH.length)];
        int rd = dst(), ra = src(), imm = imm16();
        return Group.of(new int[] {PpcAsm.d(o.code, rd, ra, imm)}, String.format("%s r%d,r%d,0x%x", o.name, rd, ra, imm));
    }

    private Group dLogic() {
        Op o = D_LOGIC[rnd.nextInt(D_LOGIC.length)];
        int ra = dst(), rs = src(), imm = imm16();
        return Group.of(new int[] {PpcAsm.d(o.code, rs, ra, imm)}, String.format("%s r%d,r%d,0x%x", o.name, ra, rs, imm));
    }

    private Group xLogic() {
        Op o = X_LOGIC[rnd.nextInt(X_LOGIC.length)];
        boolean rc = rnd.nextBoolean();
        int ra = dst(), rs = src(), rb = src();
        return Group.of(new int[] {PpcAsm.x(rs, ra, rb, o.code, rc)},
                o.name + (rc ? "." : "") + " " + r(ra) + "," + r(rs) + "," + r(rb));
    }

    private Group xUnary() {
        Op o = X_UNARY[rnd.nextInt(X_UNARY.length)];
        boolean rc = rnd.nextBoolean();
        int ra = dst(), rs = src();
        return Group.of(new int[] {PpcAsm.x(rs, ra, 0, o.code, rc)}, o.name + (rc ? "." : "") + " " + r(ra) + "," + r(rs));
    }

    private Group srawi() {
        boolean rc = rnd.nextBoolean();
        int ra = dst(), rs = src(), sh = rnd.nextInt(32);
        return Group.of(new int[] {PpcAsm.x(rs, ra, sh, 824, rc)}, "srawi" + (rc ? "." : "") + " " + r(ra) + "," + r(rs) + "," + sh);
    }

    private Group rotate() {
        boolean rc = rnd.nextBoolean();
        int ra = dst(), rs = src(), mb = rnd.nextInt(32), me = rnd.nextInt(32);
        String dot = rc ? "." : "";
        return switch (rnd.nextInt(3)) {
            case 0 -> {
                int sh = rnd.nextInt(32);
                yield Group.of(new int[] {PpcAsm.m(21, rs, ra, sh, mb, me, rc)},
                        String.format("rlwinm%s r%d,r%d,%d,%d,%d", dot, ra, rs, sh, mb, me));
            }
            case 1 -> {
                int rb = src();
                yield Group.of(new int[] {PpcAsm.m(23, rs, ra, rb, mb, me, rc)},
                        String.format("rlwnm%s r%d,r%d,r%d,%d,%d", dot, ra, rs, rb, mb, me));
            }
            default -> {
                int sh = rnd.nextInt(32);
                yield Group.of(new int[] {PpcAsm.m(20, rs, ra, sh, mb, me, rc)},
                        String.format("rlwimi%s r%d,r%d,%d,%d,%d", dot, ra, rs, sh, mb, me));
            }
        };
    }

    private Group compare() {
        int bf = rnd.nextInt(8), ra = src();
        return switch (rnd.nextInt(4)) {
            case 0 -> {
                int rb = src();
                yield Group.of(new int[] {PpcAsm.x(bf << 2, ra, rb, 0, false)}, String.format("cmp cr%d,0,r%d,r%d", bf, ra, rb));
            }
            case 1 -> {
                int rb = src();
                yield Group.of(new int[] {PpcAsm.x(bf << 2, ra, rb, 32, false)}, String.format("cmpl cr%d,0,r%d,r%d", bf, ra, rb));
            }
            case 2 -> {
                int imm = imm16();
                yield Group.of(new int[] {PpcAsm.d(11, bf << 2, ra, imm)}, String.format("cmpi cr%d,0,r%d,0x%x", bf, ra, imm));
            }
            default -> {
                int imm = imm16();
                yield Group.of(new int[] {PpcAsm.d(10, bf << 2, ra, imm)}, String.format("cmpli cr%d,0,r%d,0x%x", bf, ra, imm));
            }
        };
    }

    private Group crOp() {
        switch (rnd.nextInt(6)) {
            case 0, 1 -> {
                Op o = CR_OPS[rnd.nextInt(CR_OPS.length)];
                int bt = rnd.nextInt(32), ba = rnd.nextInt(32), bb = rnd.nextInt(32);
                return Group.of(new int[] {PpcAsm.xl(bt, ba, bb, o.code, false)}, String.format("%s %d,%d,%d", o.name, bt, ba, bb));
            }
            case 2 -> {
                int d = rnd.nextInt(8), s = rnd.nextInt(8);
                return Group.of(new int[] {PpcAsm.xl(d << 2, s << 2, 0, 0, false)}, String.format("mcrf cr%d,cr%d", d, s));
            }
            case 3 -> {
                if (rnd.nextBoolean()) {
                    int rd = dst();
                    return Group.of(new int[] {PpcAsm.x(rd, 0, 0, 19, false)}, "mfcr " + r(rd));
                }
                int fxm = rnd.nextInt(256), rs = src();
                return Group.of(new int[] {(31 << 26) | (rs << 21) | (fxm << 12) | (144 << 1)}, String.format("mtcrf 0x%x,r%d", fxm, rs));
            }
            case 4 -> {
                int rd = dst(), ra = src(), rb = src(), bc = rnd.nextInt(32);
                return Group.of(new int[] {(31 << 26) | (rd << 21) | (ra << 16) | (rb << 11) | (bc << 6) | (15 << 1)},
                        String.format("isel r%d,r%d,r%d,%d", rd, ra, rb, bc));
            }
            default -> {
                int d = rnd.nextInt(8);
                return Group.of(new int[] {PpcAsm.x(d << 2, 0, 0, 512, false)}, "mcrxr cr" + d);
            }
        }
    }

    private Group sprMove() {
        int spr = switch (rnd.nextInt(3)) {
            case 0 -> 1;
            case 1 -> 8;
            default -> 9;
        };
        String name = spr == 1 ? "xer" : spr == 8 ? "lr" : "ctr";
        if (rnd.nextBoolean()) {
            int rd = dst();
            return Group.of(new int[] {PpcAsm.mfspr(rd, spr)}, "mf" + name + " " + r(rd));
        }
        int rs = src();
        if (spr != 1) {
            return Group.of(new int[] {PpcAsm.mtspr(spr, rs)}, "mt" + name + " " + r(rs));
        }
        // XER: keep only SO/OV/CA and the byte count, the bits the e500 defines.
        int rt = dst();
        return Group.of(new int[] {PpcAsm.m(21, rs, rt, 0, 0, 2, false), PpcAsm.m(20, rs, rt, 0, 25, 31, false), PpcAsm.mtspr(1, rt)},
                "rlwinm " + r(rt) + "," + r(rs) + ",0,0,2", "rlwimi " + r(rt) + "," + r(rs) + ",0,25,31", "mtxer " + r(rt));
    }

    private Group memory() {
        Mem o = MEMS[rnd.nextInt(MEMS.length)];
        int ea = rnd.nextInt(SCRATCH_BYTES - o.size + 1);
        int rt = base();
        int rd;
        do {
            rd = o.store ? src() : dst();
        } while (!o.store && o.update && rd == rt);
        if (!o.xform) {
            int disp = rnd.nextInt(65) - 32;
            int b = ea - disp;
            return Group.of(new int[] {PpcAsm.addi(rt, 2, b), PpcAsm.d(o.code, rd, rt, disp)},
                    String.format("addi r%d,r2,%d", rt, b), String.format("%s r%d,%d(r%d)", o.name, rd, disp, rt));
        }
        int ri;
        do {
            ri = dst();
        } while (ri == rt);
        int idx = rnd.nextInt(65) - 32;
        int b = ea - idx;
        return Group.of(new int[] {PpcAsm.addi(rt, 2, b), PpcAsm.addi(ri, 0, idx), PpcAsm.x(rd, rt, ri, o.code, false)},
                String.format("addi r%d,r2,%d", rt, b), String.format("li r%d,%d", ri, idx),
                String.format("%s r%d,r%d,r%d", o.name, rd, rt, ri));
    }

    private Group multiple() {
        boolean load = rnd.nextBoolean();
        int first = load ? 22 + rnd.nextInt(10) : 20 + rnd.nextInt(12);
        int count = 32 - first;
        int disp = 4 * rnd.nextInt(SCRATCH_BYTES / 4 - count + 1);
        return Group.of(new int[] {PpcAsm.d(load ? 46 : 47, first, 2, disp)},
                String.format("%s r%d,%d(r2)", load ? "lmw" : "stmw", first, disp));
    }

    private Group atomic() {
        int rt = base(), off = 4 * rnd.nextInt(SCRATCH_BYTES / 4), rs = src();
        if (rnd.nextInt(3) == 0) { // a lone stwcx.: no reservation, so it fails and stores nothing
            return Group.of(new int[] {PpcAsm.addi(rt, 2, off), PpcAsm.x(rs, 0, rt, 150, true)},
                    String.format("addi r%d,r2,%d", rt, off), String.format("stwcx. r%d,0,r%d", rs, rt));
        }
        int rd;
        do {
            rd = dst();
        } while (rd == rt);
        return Group.of(new int[] {PpcAsm.addi(rt, 2, off), PpcAsm.x(rd, 0, rt, 20, false), PpcAsm.x(rs, 0, rt, 150, true)},
                String.format("addi r%d,r2,%d", rt, off), String.format("lwarx r%d,0,r%d", rd, rt),
                String.format("stwcx. r%d,0,r%d", rs, rt));
    }

    private Group dcbz() {
        int rt = base(), off = rnd.nextInt(SCRATCH_BYTES);
        return Group.of(new int[] {PpcAsm.addi(rt, 2, off), PpcAsm.x(0, 0, rt, 1014, false)},
                String.format("addi r%d,r2,%d", rt, off), String.format("dcbz 0,r%d", rt));
    }

    private Group branch() {
        int skip = 1 + rnd.nextInt(3);
        boolean lk = rnd.nextInt(4) == 0;
        if (rnd.nextInt(5) == 0) {
            return new Group(new int[] {0}, new String[] {"b"}, skip, -1, 0, lk);
        }
        return new Group(new int[] {0}, new String[] {"bc"}, skip, BOS[rnd.nextInt(BOS.length)], rnd.nextInt(32), lk);
    }
}
