package dev.partita.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The decoder agrees with the instruction table, and with QEMU 7.2 on the e500v2's reserved bits. */
class DecoderTest {
    @Test
    void everyRowsMatchWordDecodesToItself() {
        for (Insn row : Isa.all()) {
            assertEquals(row.id, Decoder.decode(row.match), row.mnemonic);
            int w = row.match | ~row.mask;
            Insn got = Isa.byId(Decoder.decode(w));
            assertTrue(got != null && got.matches(w), row.mnemonic + " with every free bit set decoded to " + got);
        }
    }

    @Test
    void randomWordsDecodeToTheFirstMatchingRowOrIllegal() {
        List<Insn> rows = Isa.all();
        SplittableRandom rnd = new SplittableRandom(0x500E);
        for (int i = 0; i < 300_000; i++) {
            int random = rnd.nextInt();
            // every other word: bias towards the table by taking a row's opcode bits
            final int w = (i & 1) == 0 ? rows.get(rnd.nextInt(rows.size())).match | (random & ~0xFC0007FE) : random;
            int id = Decoder.decode(w);
            Insn first = null;
            for (Insn r : rows) {
                if (r.matches(w)) {
                    first = r;
                    break;
                }
            }
            if (first == null) {
                assertEquals(Isa.ILLEGAL, id, () -> Integer.toHexString(w));
            } else {
                Insn got = Isa.byId(id);
                assertTrue(got != null && got.matches(w), () -> Integer.toHexString(w) + " decoded to " + got);
            }
        }
    }

    @Test
    void oeAndRcVariantsDecodeToTheSameRow() {
        int add = 31 << 26 | 3 << 21 | 4 << 16 | 5 << 11 | 266 << 1;
        for (int v : new int[] {0, 1, 0x400, 0x401}) {
            assertEquals(Isa.ADD, Decoder.decode(add | v));
        }
        assertEquals(Isa.RLWINM, Decoder.decode(21 << 26 | 1));
        assertEquals(Isa.B, Decoder.decode(18 << 26 | 3));
    }

    @Test
    void bitsQemuRequiresToBeZeroMakeTheWordIllegal() {
        assertEquals(Isa.MULHW, Decoder.decode(0x7c642896));
        assertEquals(Isa.ILLEGAL, Decoder.decode(0x7c642896 | 0x400), "mulhw with OE");
        assertEquals(Isa.ADDME, Decoder.decode(0x7c6401d4));
        assertEquals(Isa.ILLEGAL, Decoder.decode(0x7c6401d4 | 5 << 11), "addme with rB != 0");
        assertEquals(Isa.ILLEGAL, Decoder.decode(0x7c6404d0 | 1 << 11), "neg with rB != 0");
        assertEquals(Isa.ISEL, Decoder.decode(0x7c64289e));
        assertEquals(Isa.ILLEGAL, Decoder.decode(0x7c64289e | 1), "isel with bit 31");
        assertEquals(Isa.CRXOR, Decoder.decode(0x4cc63182));
        assertEquals(Isa.ILLEGAL, Decoder.decode(0x4cc63183), "crxor with bit 31");
        assertEquals(Isa.MCRXR, Decoder.decode(0x7d800400));
        assertEquals(Isa.ILLEGAL, Decoder.decode(0x7d800400 | 1 << 11), "mcrxr with a reserved bit");
        assertEquals(Isa.MFCR, Decoder.decode(0x7c600026));
        assertEquals(Isa.ILLEGAL, Decoder.decode(0x7c600026 | 0x800), "mfcr with bit 20");
        assertEquals(Isa.MFOCRF, Decoder.decode(0x7c780026));
        assertEquals(Isa.MTOCRF, Decoder.decode(0x7c701120));
        assertEquals(Isa.ILLEGAL, Decoder.decode(0x7c832000 | 1 << 21), "cmp with L = 1 (e500)");
        assertEquals(Isa.ILLEGAL, Decoder.decode(0x2f83ffff | 1 << 21), "cmpi with L = 1 (e500)");
    }

    @Test
    void bitsQemuIgnoresAreIgnored() {
        assertEquals(Isa.CMP, Decoder.decode(0x7c832000 | 1 | 1 << 22), "cmp: Rc and bit 9");
        assertEquals(Isa.EXTSB, Decoder.decode(0x7c830774 | 7 << 11), "extsb: rB field");
        assertEquals(Isa.BCLR, Decoder.decode(0x4e800020 | 0x1F << 11), "bclr: bits 16-20");
        assertEquals(Isa.MCRF, Decoder.decode(0x4c9c0000 | 3 << 21 | 3 << 16 | 0x1F << 11), "mcrf: reserved fields");
    }

    @Test
    void wordsOfNoRowAreIllegal() {
        assertEquals(Isa.ILLEGAL, Decoder.decode(0));
        assertEquals(Isa.ILLEGAL, Decoder.decode(0xFFFFFFFF));
    }
}
