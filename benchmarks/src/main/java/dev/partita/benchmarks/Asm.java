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
}
