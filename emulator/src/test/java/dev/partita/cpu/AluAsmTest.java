package dev.partita.cpu;

import static dev.partita.cpu.AluAsm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The test encoders produce the words GNU as (-me500x2) produces for the same source lines. */
class AluAsmTest {
    @Test
    void encodersMatchBinutilsWords() {
        assertEquals(0x3861fff0, d(14, 3, 1, -16), "addi r3,r1,-16");
        assertEquals(0x7c642e15, xo(266, 3, 4, 5, OE | RC), "addo. r3,r4,r5");
        assertEquals(0x7c6401d4, xo(234, 3, 4, 0, 0), "addme r3,r4");
        assertEquals(0x50832f85, m(20, 4, 3, 5, 30, 2, 1), "rlwimi. r3,r4,5,30,2");
        assertEquals(0x7c832e31, x(31, 792, 4, 3, 5, 1), "sraw. r3,r4,r5");
        assertEquals(0x7c832000, x(31, 0, 1 << 2, 3, 4, 0), "cmp 1,0,r3,r4");
        assertEquals(0x4cc63182, x(19, 193, 6, 6, 6, 0), "crxor 6,6,6");
        assertEquals(0x4d810021, x(19, 16, 12, 1, 0, 1), "bclrl 12,1");
        assertEquals(0x7c64289e, x(31, 2 << 5 | 15, 3, 4, 5, 0), "isel r3,r4,r5,2");
    }
}
