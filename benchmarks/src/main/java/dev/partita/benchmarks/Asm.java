package dev.partita.benchmarks;

/** A few PowerPC instruction encoders for hand-made benchmark programs (bit layouts from the Book E ISA). */
final class Asm {
    private Asm() {}

    static int addi(int rt, int ra, int si) {
        return 14 << 26 | rt << 21 | ra << 16 | (si & 0xFFFF);
    }

    static int addis(int rt, int ra, int si) {
        return 15 << 26 | rt << 21 | ra << 16 | (si & 0xFFFF);
    }

    static int lbz(int rt, int d, int ra) {
        return 34 << 26 | rt << 21 | ra << 16 | (d & 0xFFFF);
    }

    static int lwz(int rt, int d, int ra) {
        return 32 << 26 | rt << 21 | ra << 16 | (d & 0xFFFF);
    }

    static int stw(int rs, int d, int ra) {
        return 36 << 26 | rs << 21 | ra << 16 | (d & 0xFFFF);
    }

    static int xor(int ra, int rs, int rb) {
        return 31 << 26 | rs << 21 | ra << 16 | rb << 11 | 316 << 1;
    }

    static int and(int ra, int rs, int rb) {
        return 31 << 26 | rs << 21 | ra << 16 | rb << 11 | 28 << 1;
    }

    static int add(int rt, int ra, int rb) {
        return 31 << 26 | rt << 21 | ra << 16 | rb << 11 | 266 << 1;
    }

    static int rlwinm(int ra, int rs, int sh, int mb, int me) {
        return 21 << 26 | rs << 21 | ra << 16 | sh << 11 | mb << 6 | me << 1;
    }

    static int srawi(int ra, int rs, int sh) {
        return 31 << 26 | rs << 21 | ra << 16 | sh << 11 | 824 << 1;
    }

    static int cmpwi(int bf, int ra, int si) {
        return 11 << 26 | bf << 23 | ra << 16 | (si & 0xFFFF);
    }

    static int mtctr(int rs) {
        return 31 << 26 | rs << 21 | 9 << 16 | 467 << 1;
    }

    /** bc with a relative displacement in bytes. */
    static int bc(int bo, int bi, int disp) {
        return 16 << 26 | bo << 21 | bi << 16 | (disp & 0xFFFC);
    }

    static int bdnz(int disp) {
        return bc(16, 0, disp);
    }

    static int b(int disp) {
        return 18 << 26 | (disp & 0x03FFFFFC);
    }

    static int stb(int rs, int d, int ra) {
        return 38 << 26 | rs << 21 | ra << 16 | (d & 0xFFFF);
    }

    static int lhz(int rt, int d, int ra) {
        return 40 << 26 | rt << 21 | ra << 16 | (d & 0xFFFF);
    }

    static int lwzx(int rt, int ra, int rb) {
        return 31 << 26 | rt << 21 | ra << 16 | rb << 11 | 23 << 1;
    }

    static int stwu(int rs, int d, int ra) {
        return 37 << 26 | rs << 21 | ra << 16 | (d & 0xFFFF);
    }

    static int or(int ra, int rs, int rb) {
        return 31 << 26 | rs << 21 | ra << 16 | rb << 11 | 444 << 1;
    }

    static int subf(int rt, int ra, int rb) {
        return 31 << 26 | rt << 21 | ra << 16 | rb << 11 | 40 << 1;
    }

    static int mullw(int rt, int ra, int rb) {
        return 31 << 26 | rt << 21 | ra << 16 | rb << 11 | 235 << 1;
    }

    static int divwu(int rt, int ra, int rb) {
        return 31 << 26 | rt << 21 | ra << 16 | rb << 11 | 459 << 1;
    }

    static int slw(int ra, int rs, int rb) {
        return 31 << 26 | rs << 21 | ra << 16 | rb << 11 | 24 << 1;
    }

    static int cmplw(int bf, int ra, int rb) {
        return 31 << 26 | bf << 23 | ra << 16 | rb << 11 | 32 << 1;
    }

    static int cmpw(int bf, int ra, int rb) {
        return 31 << 26 | bf << 23 | ra << 16 | rb << 11;
    }

    static int mflr(int rt) {
        return 31 << 26 | rt << 21 | 8 << 16 | 339 << 1;
    }

    static int mtlr(int rs) {
        return 31 << 26 | rs << 21 | 8 << 16 | 467 << 1;
    }

    static int blr() {
        return 0x4E800020;
    }

    static int bl(int disp) {
        return b(disp) | 1;
    }

    static int isel(int rt, int ra, int rb, int bc) {
        return 31 << 26 | rt << 21 | ra << 16 | rb << 11 | bc << 6 | 15 << 1;
    }

    static int ori(int ra, int rs, int ui) {
        return 24 << 26 | rs << 21 | ra << 16 | (ui & 0xFFFF);
    }

    static int andiDot(int ra, int rs, int ui) {
        return 28 << 26 | rs << 21 | ra << 16 | (ui & 0xFFFF);
    }

    static int extsb(int ra, int rs) {
        return 31 << 26 | rs << 21 | ra << 16 | 954 << 1;
    }

    static int sc() {
        return 0x44000002;
    }
}
