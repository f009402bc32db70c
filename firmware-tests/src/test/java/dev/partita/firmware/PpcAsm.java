package dev.partita.firmware;

/**
 * Encoders for the PowerPC instruction formats used by the random generator, written from the
 * Book E field layouts (bit 0 is the most significant bit). Kept independent of the emulator's own
 * instruction table so that the differential test does not share its mistakes.
 */
final class PpcAsm {
    private PpcAsm() {}

    /** D form: primary opcode, RT/RS/TO/BF-field, RA, 16-bit immediate. */
    static int d(int opcd, int rt, int ra, int imm) {
        return (opcd << 26) | (rt << 21) | (ra << 16) | (imm & 0xFFFF);
    }

    /** XO form (opcode 31): RT, RA, RB, OE, 9-bit extended opcode, Rc. */
    static int xo(int rt, int ra, int rb, boolean oe, int xo, boolean rc) {
        return (31 << 26) | (rt << 21) | (ra << 16) | (rb << 11) | (oe ? 1 << 10 : 0) | (xo << 1) | (rc ? 1 : 0);
    }

    /** X form (opcode 31): three 5-bit fields, 10-bit extended opcode, Rc. */
    static int x(int f1, int f2, int f3, int xo, boolean rc) {
        return (31 << 26) | (f1 << 21) | (f2 << 16) | (f3 << 11) | (xo << 1) | (rc ? 1 : 0);
    }

    /** M form: rlwimi (20), rlwinm (21), rlwnm (23). */
    static int m(int opcd, int rs, int ra, int shOrRb, int mb, int me, boolean rc) {
        return (opcd << 26) | (rs << 21) | (ra << 16) | (shOrRb << 11) | (mb << 6) | (me << 1) | (rc ? 1 : 0);
    }

    /** XL form (opcode 19). */
    static int xl(int bt, int ba, int bb, int xo, boolean lk) {
        return (19 << 26) | (bt << 21) | (ba << 16) | (bb << 11) | (xo << 1) | (lk ? 1 : 0);
    }

    /** B form: bc with a byte displacement. */
    static int bc(int bo, int bi, int disp, boolean lk) {
        return (16 << 26) | (bo << 21) | (bi << 16) | (disp & 0xFFFC) | (lk ? 1 : 0);
    }

    /** I form: b with a byte displacement. */
    static int b(int disp, boolean lk) {
        return (18 << 26) | (disp & 0x03FF_FFFC) | (lk ? 1 : 0);
    }

    /** mfspr (xo 339) and mtspr (xo 467): the SPR number's halves are swapped in the instruction. */
    static int spr(int xo, int r, int spr) {
        return x(r, spr & 0x1F, (spr >> 5) & 0x1F, xo, false);
    }

    static int mfspr(int rt, int spr) {
        return spr(339, rt, spr);
    }

    static int mtspr(int spr, int rs) {
        return spr(467, rs, spr);
    }

    static int addi(int rt, int ra, int imm) {
        return d(14, rt, ra, imm);
    }

    static int ori(int ra, int rs, int imm) {
        return d(24, rs, ra, imm);
    }

    static final int NOP = 0x6000_0000;
}
