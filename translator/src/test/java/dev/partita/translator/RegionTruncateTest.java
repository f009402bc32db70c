package dev.partita.translator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partita.memory.Ram;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A region cut to {@code max} instructions ({@link Region#truncate}, which does not read memory) is
 * exactly the region a scan limited to {@code max} finds in the same code: same instructions,
 * leaders and second page. Checked on random code full of branches (forward, backward, into the
 * next page, conditional, calls, returns) in two pages.
 */
class RegionTruncateTest {
    static int word(Random rnd, int pc) {
        int disp = (rnd.nextInt(96) - 40) * 4;          // mostly near, both directions, sometimes into the next page
        if (rnd.nextInt(8) == 0) {
            disp = 0x1000 - (pc & 0xFFF) + rnd.nextInt(64) * 4;
        }
        return switch (rnd.nextInt(12)) {
            case 0 -> 0x48000000 | (disp & 0x3FFFFFC);                                // b
            case 1 -> 0x48000001 | (disp & 0x3FFFFFC);                                // bl (ends the region)
            case 2, 3 -> 0x41820000 | (disp & 0xFFFC);                                // beq
            case 4 -> 0x42000000 | (disp & 0xFFFC);                                   // bdnz
            case 5 -> rnd.nextBoolean() ? 0x4E800020 : 0x4D820020;                    // blr, beqlr
            case 6 -> rnd.nextInt(4) == 0 ? 0x44000002 : 0x7C0802A6;                  // sc (ends), mflr r0
            default -> 14 << 26 | rnd.nextInt(32) << 21 | rnd.nextInt(32) << 16 | rnd.nextInt(0x10000);  // addi
        };
    }

    @Test
    void truncatedRegionIsTheSmallerScan() {
        Random rnd = new Random(12345);
        byte[] mem = new byte[0x3000];
        int cut = 0;
        for (int round = 0; round < 300; round++) {
            for (int a = 0; a < mem.length; a += 4) {
                Ram.BE32.set(mem, a, word(rnd, 0x10000 + a));
            }
            int entry = 0x10000 + rnd.nextInt(1024) * 4;        // page 0x10000 is mem[0..4096), the next mem[4096..8192)
            boolean next = rnd.nextBoolean();
            byte[] mem2 = next ? mem : null;
            Region full = Region.scan(mem, 0, entry, JitEngine.MAX_REGION, mem2, 0x1000);
            for (int max = JitEngine.MAX_REGION; max >= 1; max = max > 16 ? max / 2 : max - 1) {
                Region expected = Region.scan(mem, 0, entry, max, mem2, 0x1000);
                Region got = full.truncate(max);
                String what = "round " + round + " entry " + Integer.toHexString(entry) + " max " + max;
                assertArrayEquals(expected.pcs, got.pcs, what);
                assertArrayEquals(expected.words, got.words, what);
                assertArrayEquals(expected.ids, got.ids, what);
                assertEquals(expected.leader, got.leader, what);
                assertEquals(expected.page2, got.page2, what);
                if (got.size() < full.size()) {
                    cut++;
                }
            }
            assertSame(full, full.truncate(full.size()));
        }
        assertTrue(cut > 1000, "regions were actually cut: " + cut);
    }

    @Test
    void stillInComparesEveryWordOfBothPages() {
        byte[] mem = new byte[0x2000];
        for (int a = 0; a < mem.length; a += 4) {
            Ram.BE32.set(mem, a, 14 << 26 | 3 << 21 | 3 << 16 | 1);     // addi r3,r3,1 everywhere: falls through into the next page
        }
        Region r = Region.scan(mem, 0, 0x10FF0, JitEngine.MAX_REGION, mem, 0x1000);
        assertEquals(0x11000, r.page2);
        assertTrue(r.stillIn(mem, 0, mem, 0x1000));
        Ram.BE32.set(mem, 0x1000 + 8, 14 << 26 | 3 << 21 | 3 << 16 | 2);     // a word in the second page
        assertTrue(!r.stillIn(mem, 0, mem, 0x1000));
        Ram.BE32.set(mem, 0x1000 + 8, 14 << 26 | 3 << 21 | 3 << 16 | 1);
        Ram.BE32.set(mem, 0xFF0, 0);                                         // the entry word
        assertTrue(!r.stillIn(mem, 0, mem, 0x1000));
        Ram.BE32.set(mem, 0xFF0, 14 << 26 | 3 << 21 | 3 << 16 | 1);
        Ram.BE32.set(mem, 0xFEC, 0);                                         // before the region: no matter
        assertTrue(r.stillIn(mem, 0, mem, 0x1000));
    }
}
